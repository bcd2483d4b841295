using System.Text.RegularExpressions;

namespace M1Env.Core.Spec;

/// <summary>
/// Which env names are allowed. A name becomes a folder name (the default prefix is
/// <c>&lt;root&gt;/&lt;name&gt;</c>) and a conda env name, so only names that work on every OS pass.
/// </summary>
public static partial class EnvNames
{
    private static readonly HashSet<string> WindowsDeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(1, 9).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Portable();

    public static bool IsValid(string name) => Problem(name) is null;

    /// <summary>Why the name cannot be an env name, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (!Portable().IsMatch(name))
        {
            return "use letters, digits, '.', '_' or '-', starting with a letter or digit (at most 64 characters)";
        }

        // Windows drops a trailing dot from a folder name, so "env." would be the folder "env" (spaces fail the pattern above).
        if (name.EndsWith('.'))
        {
            return "a folder name cannot end in '.' on Windows";
        }

        // Windows reads "nul" and "nul.txt" alike as the device NUL, whatever the case.
        return WindowsDeviceNames.Contains(name.Split('.')[0])
            ? "it is a device name on Windows (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, also with an extension), so its folder could not be made there"
            : null;
    }
}
