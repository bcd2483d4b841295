using System.Text.RegularExpressions;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// The specs libmamba 2 says no channel has: <c>└─ nosuchpkg =* * does not exist (perhaps a typo or a
/// missing channel).</c> With <c>--json</c> it says only <c>"unsupported request"</c>, so this text comes
/// from the log (2.9) or from the same command run without <c>--json</c>.
/// </summary>
internal static partial class LibmambaMissingSpecs
{
    [GeneratedRegex(@"^[\s│├└─]*(?<spec>\S.*?) does not exist \(perhaps a typo or a missing channel\)", RegexOptions.CultureInvariant)]
    private static partial Regex DoesNotExist();

    /// <summary>Each missing spec once, in the order named, as a person would write it (<c>python =3.12</c>, <c>nosuchpkg</c>).</summary>
    /// <remarks>
    /// A Python the channels lack brings pip along (libmamba adds pip to every python request,
    /// conda's <c>add_pip_as_python_dependency</c>): pip is then left out, it is missing only for that Python.
    /// </remarks>
    public static IReadOnlyList<string> In(IEnumerable<string> lines)
    {
        var specs = lines.Select(l => DoesNotExist().Match(l))
            .Where(m => m.Success)
            .Select(m => Readable(m.Groups["spec"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return specs.Any(s => NameOf(s) == "python") ? specs.Where(s => NameOf(s) != "pip").ToArray() : specs;
    }

    private static string NameOf(string spec) => spec.Split(' ', '=', '<', '>')[0];

    /// <summary>libmamba writes <c>name version build</c> with <c>=*</c> and <c>*</c> for "any": those say nothing.</summary>
    private static string Readable(string spec) =>
        string.Join(" ", spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where((part, i) => i == 0 || part is not ("*" or "=*")));
}
