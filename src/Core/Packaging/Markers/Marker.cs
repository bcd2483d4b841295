namespace M1Env.Core.Packaging.Markers;

/// <summary>A parsed PEP 508 environment marker, such as <c>sys_platform == 'win32' and python_version &lt; '3.12'</c>.</summary>
public abstract class Marker
{
    private protected Marker()
    {
    }

    /// <summary>Parses <paramref name="text"/>; see <see cref="MarkerParser.Parse"/>.</summary>
    public static Marker Parse(string text) => MarkerParser.Parse(text);

    /// <summary>Whether the marker holds in <paramref name="environment"/>, with packaging's semantics.</summary>
    /// <exception cref="MarkerException">A comparison packaging also refuses (such as <c>~=</c> between two names).</exception>
    public abstract bool Evaluate(MarkerEnvironment environment);
}
