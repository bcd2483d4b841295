using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Python.Managed;
using M1Env.Core.Spec;
using M1Env.Core.Verify;

namespace M1Env.Core.Engine;

/// <param name="ToolsDirectory">M1Env's per-user folder (locks live in its <c>locks</c> subfolder).</param>
/// <param name="BuildKey">The key MSBuild computed for the declaration; recorded so the next no-op build can skip the task.</param>
public sealed record ProvisionOptions(string ToolsDirectory, string ToolVersion, TimeSpan LockTimeout, string? BuildKey)
{
    public static string DefaultToolsDirectory => M1EnvSettings.DefaultToolsDirectory;

    public string LocksDirectory => Path.Combine(ToolsDirectory, "locks");

    /// <summary>The project file that declares the envs: the owner recorded in each prefix.</summary>
    public string ProjectFile { get; init; } = string.Empty;

    /// <summary>How conda is found or installed, for conda envs.</summary>
    public CondaSettings Conda { get; init; } = new(null, Bootstrap: true, ToolsDirectory);

    /// <summary>M1EnvVerify and M1EnvRequireAccelerator.</summary>
    public VerifySettings Verify { get; init; } = VerifySettings.Off;

    /// <summary>M1EnvLinkMode: how kept installs and venvs are put into envs.</summary>
    public LinkMode LinkMode { get; init; } = LinkMode.Auto;

    /// <summary>Jupyter's per-user data folder, whose <c>kernels/</c> gets the kernels of envs with <c>Jupyter="true"</c>.</summary>
    public string JupyterDataDirectory { get; init; } = Jupyter.JupyterDataDirectory.ForCurrentProcess();

    /// <summary>Where a PythonEnv's interpreter may come from besides the machine: managed CPython builds in the tools folder.</summary>
    public ManagedPythonSettings ManagedPythons { get; init; } = new(ToolsDirectory) { LockTimeout = LockTimeout };

    /// <summary>M1EnvRoot: when M1Env creates it, it puts a <c>.gitignore</c> in it so no env is ever committed.</summary>
    public string? EnvRoot { get; init; }
}
