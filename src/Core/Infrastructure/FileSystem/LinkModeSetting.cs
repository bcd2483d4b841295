using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>The one place that reads M1EnvLinkMode's text.</summary>
public static class LinkModeSetting
{
    public const string Property = "M1EnvLinkMode";

    private static readonly Dictionary<string, LinkMode> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = LinkMode.Auto,
        ["clone"] = LinkMode.Clone,
        ["hardlink"] = LinkMode.Hardlink,
        ["copy"] = LinkMode.Copy,
    };

    /// <summary>The mode a value names; <see cref="LinkMode.Auto"/> for none. False for any other text.</summary>
    public static bool TryParse(string? value, out LinkMode mode)
    {
        mode = LinkMode.Auto;
        return string.IsNullOrWhiteSpace(value) || Names.TryGetValue(value.Trim(), out mode);
    }

    /// <summary>What a user reads for a value <see cref="TryParse"/> rejects.</summary>
    public static string Rejection(string value) =>
        $"{Property}='{InputQuote.Shorten(value)}' is not one of {string.Join(", ", Names.Keys)}.";
}
