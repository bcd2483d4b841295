namespace M1Env.Core.Backends.Conda;

/// <summary>How M1Env finds (or installs) conda: the build's M1EnvCondaExe, M1EnvBootstrap and M1EnvMiniforge* properties.</summary>
/// <param name="CondaExe">M1EnvCondaExe: this executable and no other; null to search.</param>
/// <param name="Bootstrap">Install Miniforge into the tools folder when no conda is found.</param>
/// <param name="ToolsDirectory">M1EnvToolsDir: where Miniforge is installed.</param>
public sealed record CondaSettings(string? CondaExe, bool Bootstrap, string ToolsDirectory)
{
    /// <summary>M1EnvMiniforgeVersion; null for the version this M1Env pins.</summary>
    public string? MiniforgeVersion { get; init; }

    /// <summary>M1EnvMiniforgeUrl: a mirror of the Miniforge release folder.</summary>
    public string? MiniforgeUrl { get; init; }

    /// <summary>M1EnvMiniforgeSha256: the installer's expected hash; otherwise the published <c>.sha256</c> is used.</summary>
    public string? MiniforgeSha256 { get; init; }

    /// <summary>Where a Miniforge that M1Env installs lives.</summary>
    public string BootstrapRoot => Path.Combine(ToolsDirectory, "miniforge3");

    /// <summary>
    /// The package cache of every conda install (create, install, remove; from a lock or not): one that
    /// M1Env owns, in the tools folder, so that folder is the whole of what a CI cache saves.
    /// </summary>
    public string PackageCache => Path.Combine(ToolsDirectory, "conda-pkgs");

    /// <summary>
    /// The package cache of the lock's dry runs (<see cref="CondaLockResolver"/>), apart from
    /// <see cref="PackageCache"/>: it must never hold a package, so a dry run lists every package it
    /// links with its whole record (URL and hashes) and no process is needed to find a cached one's.
    /// </summary>
    public string ResolveCache => Path.Combine(ToolsDirectory, "conda-resolve");
}
