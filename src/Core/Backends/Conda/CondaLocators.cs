using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Backends.Conda;

/// <summary>The conda locator of a build: this machine's files, and Miniforge installed when none is found.</summary>
public static class CondaLocators
{
    public static CondaLocator ForCurrentProcess(ProcessRunner runner, IProvisionLog log, TimeSpan lockTimeout) =>
        new(CondaCandidateSources.ForCurrentProcess(), runner, log)
        {
            Bootstrap = (settings, cancellationToken) =>
                new MiniforgeBootstrapper(runner, log).EnsureInstalledAsync(ToMiniforge(settings, lockTimeout), cancellationToken),
        };

    /// <summary>The build's M1EnvMiniforge* properties as the bootstrapper's settings (checked there: a bad value is M1E008).</summary>
    public static MiniforgeSettings ToMiniforge(CondaSettings settings, TimeSpan lockTimeout) =>
        new(settings.ToolsDirectory)
        {
            Version = settings.MiniforgeVersion ?? MiniforgeSettings.DefaultVersion,
            MirrorUrl = settings.MiniforgeUrl,
            Sha256 = settings.MiniforgeSha256,
            LockTimeout = lockTimeout,
        };
}
