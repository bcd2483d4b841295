using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>
/// The Miniforge that M1Env installs into <c>&lt;tools&gt;/miniforge3</c>, and how a whole install
/// is told from a half one.
/// </summary>
/// <remarks>
/// Miniforge is installed straight into its final folder, not into a temporary sibling renamed into
/// place afterwards: conda installers write the prefix into the files they install (the shebang of
/// <c>bin/conda</c> and of every entry point, <c>conda-meta</c> records, <c>etc/profile.d</c>
/// scripts, text and binary files conda patches at install time), so a renamed install runs the
/// Python of a folder that no longer exists. Instead the marker file
/// <c>&lt;tools&gt;/miniforge3.installing</c> is written before the installer starts and deleted
/// only once the installed conda has run. While the marker exists (the build was killed, or the
/// clean-up after a failure did not finish) the folder is a half install: it is never reported as
/// installed, and the next install deletes it first. Both happen under the Miniforge lock.
/// </remarks>
internal sealed class MiniforgeInstallation
{
    private const string DownloadFolderPrefix = ".miniforge-download.";

    public MiniforgeInstallation(string toolsDirectory)
    {
        ToolsDirectory = Path.GetFullPath(toolsDirectory);
        InstallDirectory = Path.Combine(ToolsDirectory, "miniforge3");
        MarkerPath = InstallDirectory + ".installing";
    }

    public string ToolsDirectory { get; }

    public string InstallDirectory { get; }

    /// <summary>Exists from before the installer starts until its result is verified.</summary>
    public string MarkerPath { get; }

    public string LocksDirectory => Path.Combine(ToolsDirectory, "locks");

    /// <summary>Where conda lives in a Miniforge prefix on this OS, most usual first.</summary>
    public IEnumerable<string> CondaCandidates =>
        OperatingSystem.IsWindows()
            ? [Path.Combine(InstallDirectory, "Scripts", "conda.exe"), Path.Combine(InstallDirectory, "condabin", "conda.bat")]
            : [Path.Combine(InstallDirectory, "bin", "conda"), Path.Combine(InstallDirectory, "condabin", "conda")];

    /// <summary>The conda executable of a complete install, or null (nothing there, or a half install).</summary>
    public string? CompleteCondaExecutable =>
        File.Exists(MarkerPath) ? null : InstalledCondaExecutable;

    /// <summary>The conda executable in the folder, whether or not the install finished.</summary>
    public string? InstalledCondaExecutable => CondaCandidates.FirstOrDefault(File.Exists);

    /// <summary>A new, empty folder for one download; <see cref="RemoveLeftovers"/> deletes those of killed builds.</summary>
    public string CreateDownloadFolder() =>
        Directory.CreateDirectory(Path.Combine(ToolsDirectory, DownloadFolderPrefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>Under the lock, before installing: deletes a half install and the downloads of killed builds.</summary>
    public void RemoveLeftovers(IProvisionLog log)
    {
        foreach (var download in Directory.EnumerateDirectories(ToolsDirectory, DownloadFolderPrefix + "*"))
        {
            DeleteFolder(download);
        }

        if (File.Exists(MarkerPath) || (Directory.Exists(InstallDirectory) && InstalledCondaExecutable is null))
        {
            log.Step($"Removing an unfinished Miniforge install from {InstallDirectory} (a build was stopped or failed while installing it).");
            RemoveHalfInstall();
        }
    }

    public void WriteMarker() =>
        File.WriteAllText(MarkerPath, $"M1Env is installing Miniforge into {InstallDirectory}; while this file exists that folder is incomplete.{Environment.NewLine}");

    public void DeleteMarker() => File.Delete(MarkerPath);

    /// <summary>The folder first, the marker last: a clean-up that fails half way still leaves the marker.</summary>
    public void RemoveHalfInstall()
    {
        DeleteFolder(InstallDirectory);
        File.Delete(MarkerPath);
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
