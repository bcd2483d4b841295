namespace M1Env.Testing;

/// <summary>
/// Real pip wheels of given versions, found offline where CPython installations keep the wheel
/// <c>ensurepip</c> bundles (pyenv's versions, Debian's <c>/usr/share/python-wheels</c>): a test serves
/// them from its own index to pin an env's pip to an old or a newer version.
/// </summary>
public static class RealPipWheels
{
    /// <summary>The pip an env is pinned to first: it lacks <c>--dry-run</c> and <c>--report</c> (pip 22.2 added them).</summary>
    public const string Old = "22.0.4";

    /// <summary>The file of pip <paramref name="version"/>'s wheel, or null when no installation here holds it.</summary>
    public static string? Find(string version)
    {
        var fileName = $"pip-{version}-py3-none-any.whl";
        var pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
        var folders = Directory.Exists(pyenv)
            ? Directory.EnumerateDirectories(pyenv).SelectMany(v => Directory.Exists(Path.Combine(v, "lib")) ? Directory.EnumerateDirectories(Path.Combine(v, "lib"), "python3*") : [])
                .Select(lib => Path.Combine(lib, "ensurepip", "_bundled"))
            : [];
        return folders.Append("/usr/share/python-wheels")
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(File.Exists);
    }
}
