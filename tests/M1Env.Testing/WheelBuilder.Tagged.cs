using System.Text.RegularExpressions;

namespace M1Env.Testing;

/// <summary>Wheels that claim a Python, ABI and platform, as compiled wheels do; their content is still pure Python.</summary>
public static partial class WheelBuilder
{
    private const string PureTag = "py3-none-any";

    [GeneratedRegex(@"^[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TagText();

    /// <summary>
    /// Builds <c>&lt;escaped name&gt;-&lt;version&gt;-&lt;tag&gt;.whl</c>, e.g. with <paramref name="tag"/>
    /// <c>cp311-cp311-macosx_11_0_arm64</c>, <c>cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64</c>
    /// or <c>cp311-cp311-win_amd64</c>, so pip takes it for that platform only.
    /// </summary>
    /// <param name="tag">python-abi-platform, each part possibly a '.'-set (PEP 425 compressed tag sets).</param>
    public static BuiltWheel BuildTagged(
        string outputDirectory,
        string name,
        string version,
        string tag,
        IEnumerable<string>? requiresDist = null)
    {
        if (!TagText().IsMatch(tag))
        {
            throw new ArgumentException($"'{tag}' is not a python-abi-platform tag.", nameof(tag));
        }

        return Build(outputDirectory, name, version, tag, requiresDist, extraModuleSource: null);
    }
}
