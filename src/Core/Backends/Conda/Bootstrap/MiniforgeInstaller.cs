using System.Globalization;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>
/// Runs a downloaded, verified Miniforge installer unattended into <see cref="MiniforgeInstallation.InstallDirectory"/>,
/// guarded by the installation's marker file, and checks that the conda it installed runs.
/// </summary>
internal sealed class MiniforgeInstaller(ProcessRunner runner)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Unix: <c>bash installer.sh -b -p PREFIX</c> (batch mode: no license prompt, no shell init).
    /// Windows: the NSIS installer, silent, for this user only, leaving PATH and the registry alone.
    /// </summary>
    /// <remarks>
    /// NSIS reads <c>/D=</c> only as the last argument and only unquoted, so on Windows a tools
    /// folder whose path has spaces (which the argument list must quote) is not supported by the installer.
    /// </remarks>
    public static (string Executable, IReadOnlyList<string> Arguments) CommandLine(string installerPath, bool windowsInstaller, string prefix) =>
        windowsInstaller
            ? (installerPath, ["/InstallationType=JustMe", "/RegisterPython=0", "/AddToPath=0", "/S", "/D=" + prefix])
            : ("bash", [installerPath, "-b", "-p", prefix]);

    /// <returns>The installed conda executable.</returns>
    public async Task<string> InstallAsync(string installerPath, MiniforgeAsset asset, MiniforgeInstallation target, CancellationToken cancellationToken)
    {
        target.WriteMarker();
        try
        {
            // The installer refuses a prefix that exists (short of -u, which would build on a half install).
            if (Directory.Exists(target.InstallDirectory))
            {
                Directory.Delete(target.InstallDirectory, recursive: true);
            }

            var (executable, arguments) = CommandLine(installerPath, asset.IsWindowsInstaller, target.InstallDirectory);
            var result = await runner.RunAsync(executable, arguments, streamToLog: true, cancellationToken, InstallTimeout).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw Failed(
                    result.TimedOut
                        ? string.Create(CultureInfo.InvariantCulture, $"did not finish within {InstallTimeout.TotalMinutes:0} minutes")
                        : string.Create(CultureInfo.InvariantCulture, $"failed (exit code {result.ExitCode})"),
                    installerPath,
                    target,
                    result);
            }

            var conda = target.InstalledCondaExecutable
                ?? throw Failed($"finished, but left no conda executable ({string.Join(", ", target.CondaCandidates)})", installerPath, target, result);
            var version = await runner.RunAsync(conda, ["--version"], streamToLog: false, cancellationToken, VersionTimeout).ConfigureAwait(false);
            if (!version.Succeeded)
            {
                throw Failed($"finished, but the conda it installed does not run ({conda} --version exited with {version.ExitCode})", installerPath, target, version);
            }

            target.DeleteMarker();
            return conda;
        }
        catch
        {
            RemoveHalfInstall(target);
            throw;
        }
    }

    private static M1EnvException Failed(string what, string installerPath, MiniforgeInstallation target, ProcessResult result) =>
        new(
            ErrorCodes.MiniforgeInstallFailed,
            $"The Miniforge installer {Path.GetFileName(installerPath)} {what} while installing into {target.InstallDirectory}; nothing was installed. "
            + "Its last lines follow. If the disk is full or the folder is not writable, fix that and build again; "
            + "or install Miniforge yourself (https://github.com/conda-forge/miniforge) and set M1EnvCondaExe to its conda.",
            result.Transcript);

    private static void RemoveHalfInstall(MiniforgeInstallation target)
    {
        try
        {
            target.RemoveHalfInstall();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The marker stays, so the next build still sees a half install and removes it first.
        }
    }
}
