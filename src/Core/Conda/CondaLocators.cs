using M1Env.Core.Diagnostics;
using M1Env.Core.Processes;

namespace M1Env.Core.Conda;

/// <summary>The conda locator of a build: this machine's files, and Miniforge installed when none is found.</summary>
public static class CondaLocators
{
    public static CondaLocator ForCurrentProcess(ProcessRunner runner, IProvisionLog log) =>
        new(CondaCandidateSources.ForCurrentProcess(), runner, log);
}
