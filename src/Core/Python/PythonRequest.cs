using System.Globalization;
using System.Text.RegularExpressions;

namespace M1Env.Core.Python;

/// <summary>
/// A requested CPython version: <c>3</c>, <c>3.11</c> (any 3.11.x) or <c>3.11.7</c> (exactly).
/// </summary>
public sealed partial record PythonRequest(int Major, int? Minor, int? Micro)
{
    public static PythonRequest AnyPython3 { get; } = new(3, null, null);

    [GeneratedRegex(@"^(?<major>\d+)(\.(?<minor>\d+))?(\.(?<micro>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out PythonRequest request)
    {
        request = AnyPython3;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        request = new PythonRequest(
            ParseGroup(match.Groups["major"])!.Value,
            ParseGroup(match.Groups["minor"]),
            ParseGroup(match.Groups["micro"]));
        return true;
    }

    public bool IsSatisfiedBy(Version version) =>
        version.Major == Major
        && (Minor is null || version.Minor == Minor)
        && (Micro is null || version.Build == Micro);

    public override string ToString() =>
        Micro is not null ? $"{Major}.{Minor}.{Micro}"
        : Minor is not null ? $"{Major}.{Minor}"
        : Major.ToString(CultureInfo.InvariantCulture);

    private static int? ParseGroup(Group group) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : null;
}
