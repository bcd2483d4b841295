using M1Env.Core.Packaging;
using M1Env.Core.Python;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// What pip resolves for: the Python that runs it (sdists allowed, markers as that Python sees them),
/// or another platform, where pip may use only wheels and sees the markers of that platform.
/// </summary>
public sealed record PipResolveTarget
{
    private PipResolveTarget(LockPlatform? platform, string? pythonVersion)
    {
        Platform = platform;
        PythonVersion = pythonVersion;
    }

    /// <summary>Resolves as a plain <c>pip install</c> by the resolving Python would, with no platform option.</summary>
    public static PipResolveTarget ThisPython { get; } = new(null, null);

    /// <summary>The other platform; null for <see cref="ThisPython"/>.</summary>
    public LockPlatform? Platform { get; }

    /// <summary>The <c>major.minor</c> of the target CPython; null for <see cref="ThisPython"/>.</summary>
    public string? PythonVersion { get; }

    public bool IsForeign => Platform is not null;

    /// <summary>Always resolves with platform options, even for this machine's platform.</summary>
    /// <param name="pythonVersion">The CPython version whose wheels fit, e.g. <c>3.11</c> or <c>3.11.7</c>.</param>
    public static PipResolveTarget Foreign(LockPlatform platform, string pythonVersion) =>
        new(platform, PythonTargetVersion.MajorMinor(pythonVersion));

    /// <summary>
    /// <see cref="ThisPython"/> when <paramref name="python"/> runs on <paramref name="platform"/>
    /// (this OS, and an interpreter of that architecture: an x86_64 Python under Rosetta is not
    /// osx-arm64), otherwise <see cref="Foreign"/> for the interpreter's version.
    /// </summary>
    public static PipResolveTarget For(LockPlatform platform, PythonInterpreter python) =>
        platform == LockPlatform.Current && platform.IsMachineOf(python.Machine)
            ? ThisPython
            : Foreign(platform, python.Version);

    public override string ToString() => Platform is null ? "this Python" : $"{Platform.Name} (CPython {PythonVersion})";
}
