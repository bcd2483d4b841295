using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace M1Env.Tasks;

/// <summary>
/// What the tasks that work on the declared envs share: the items and settings the targets pass,
/// turned into validated specs and a provisioner, and errors that point at the declaring file.
/// </summary>
public abstract class EnvironmentsTask : Task, ICancelableTask
{
    private protected readonly CancellationTokenSource Cancellation = new();

    public ITaskItem[] PythonEnvs { get; set; } = [];

    public ITaskItem[] CondaEnvs { get; set; } = [];

    public ITaskItem[] PipPackages { get; set; } = [];

    public ITaskItem[] CondaPackages { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    // The M1Env properties: each parameter is named by its M1EnvSettings entry, which gives its default.
    private readonly SettingValues properties = new();

    [Required]
    public string EnvRoot { get => properties.Text(M1EnvSettings.Root) ?? string.Empty; set => properties.Set(M1EnvSettings.Root, value); }

    public string? PipIndexUrl { get => properties.Text(M1EnvSettings.PipIndexUrl); set => properties.Set(M1EnvSettings.PipIndexUrl, value); }

    public string[] PipExtraIndexUrls { get => properties.List(M1EnvSettings.PipExtraIndexUrls); set => properties.Set(M1EnvSettings.PipExtraIndexUrls, value); }

    public string[] PipFindLinks { get => properties.List(M1EnvSettings.PipFindLinks); set => properties.Set(M1EnvSettings.PipFindLinks, value); }

    public bool Offline { get => properties.Flag(M1EnvSettings.Offline); set => properties.Set(M1EnvSettings.Offline, value); }

    public string? ToolsDir { get => properties.Text(M1EnvSettings.ToolsDir); set => properties.Set(M1EnvSettings.ToolsDir, value); }

    /// <summary>M1EnvCondaExe: the conda, mamba or micromamba to run; empty to search.</summary>
    public string? CondaExe { get => properties.Text(M1EnvSettings.CondaExe); set => properties.Set(M1EnvSettings.CondaExe, value); }

    /// <summary>M1EnvBootstrap: install Miniforge into the tools folder when no conda is found.</summary>
    public bool Bootstrap { get => properties.Flag(M1EnvSettings.Bootstrap); set => properties.Set(M1EnvSettings.Bootstrap, value); }

    public string? MiniforgeVersion { get => properties.Text(M1EnvSettings.MiniforgeVersion); set => properties.Set(M1EnvSettings.MiniforgeVersion, value); }

    public string? MiniforgeUrl { get => properties.Text(M1EnvSettings.MiniforgeUrl); set => properties.Set(M1EnvSettings.MiniforgeUrl, value); }

    public string? MiniforgeSha256 { get => properties.Text(M1EnvSettings.MiniforgeSha256); set => properties.Set(M1EnvSettings.MiniforgeSha256, value); }

    /// <summary>M1EnvLockFile: the lock file of the project's only env.</summary>
    public string? LockFile { get => properties.Text(M1EnvSettings.LockFile); set => properties.Set(M1EnvSettings.LockFile, value); }

    /// <summary>M1EnvLinkMode: auto, clone, hardlink or copy.</summary>
    public string? LinkMode { get => properties.Text(M1EnvSettings.LinkMode); set => properties.Set(M1EnvSettings.LinkMode, value); }

    /// <summary>M1EnvLockedMode: the lock must match the declaration (default in CI).</summary>
    public bool LockedMode { get => properties.Flag(M1EnvSettings.LockedMode); set => properties.Set(M1EnvSettings.LockedMode, value); }

    /// <summary>M1EnvFrozen: install the lock as it is.</summary>
    public bool Frozen { get => properties.Flag(M1EnvSettings.Frozen); set => properties.Set(M1EnvSettings.Frozen, value); }

    public string[] LockPlatforms { get => properties.List(M1EnvSettings.LockPlatforms); set => properties.Set(M1EnvSettings.LockPlatforms, value); }

    public string[] LockUpdate { get => properties.List(M1EnvSettings.LockUpdate); set => properties.Set(M1EnvSettings.LockUpdate, value); }

    public string[] LockPrivateHosts { get => properties.List(M1EnvSettings.LockPrivateHosts); set => properties.Set(M1EnvSettings.LockPrivateHosts, value); }

    /// <summary>M1EnvVerify: run the in-env check after an env changes.</summary>
    public bool Verify { get => properties.Flag(M1EnvSettings.Verify); set => properties.Set(M1EnvSettings.Verify, value); }

    /// <summary>M1EnvRequireAccelerator: fail when no framework computes right on an accelerator.</summary>
    public bool RequireAccelerator { get => properties.Flag(M1EnvSettings.RequireAccelerator); set => properties.Set(M1EnvSettings.RequireAccelerator, value); }

    /// <summary>M1EnvLockTimeoutMinutes: minutes to wait for another build working on the same prefix.</summary>
    public int LockTimeoutMinutes { get => properties.Number(M1EnvSettings.LockTimeoutMinutes); set => properties.Set(M1EnvSettings.LockTimeoutMinutes, value); }

    /// <summary>Set by the M1EnvLock target: resolve every env again.</summary>
    public bool Relock { get; set; }

    /// <summary>Where the check's JSON reports go (the project's obj folder).</summary>
    public string? VerifyReportDirectory { get; set; }

    /// <summary>The project being built ($(MSBuildProjectFullPath)): the owner recorded in each prefix, and where errors that no item caused point.</summary>
    public string? ProjectFile { get; set; }

    public void Cancel() => Cancellation.Cancel();

    /// <summary>The declared envs, validated; null after logging every error in the declaration.</summary>
    private protected (IReadOnlyList<EnvSpec> Specs, EnvProvisioner Provisioner)? Prepare(string? buildKey)
    {
        var log = new MSBuildProvisionLog(Log, string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var settings = ProjectSettings.FromValues(
            properties,
            string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode ?? string.Empty : ProjectFile,
            ProjectDirectory,
            Blank(VerifyReportDirectory),
            Relock);
        foreach (var (itemType, items) in new[] { (ItemMetadata.PythonEnv, PythonEnvs), (ItemMetadata.CondaEnv, CondaEnvs), (ItemMetadata.PipPackage, PipPackages), (ItemMetadata.CondaPackage, CondaPackages) })
        {
            UnknownMetadataWarnings.Log(Log, itemType, items, settings.ProjectFile);
        }

        var (specs, provisioner) = settings.Prepare(
            TaskItemReader.Envs(PythonEnvs, CondaEnvs), TaskItemReader.PipPackages(PipPackages), TaskItemReader.CondaPackages(CondaPackages), log, Blank(buildKey));
        foreach (var error in specs.Errors)
        {
            LogError(error);
        }

        if (specs.Errors.Count > 0)
        {
            return null;
        }

        return (specs.Envs, provisioner);
    }

    /// <summary>Runs the work on the envs, turning every failure into one coded error.</summary>
    private protected bool Run(Action work, string cancelledMessage)
    {
        // The work can take minutes of waiting on conda or pip: let the node build other projects meanwhile.
        var engine = BuildEngine as IBuildEngine3;
        engine?.Yield();
        try
        {
            work();
            return !Log.HasLoggedErrors;
        }
        catch (M1EnvException exception)
        {
            LogFailure(exception);
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogError(new SpecError(ErrorCodes.FileSystemError,
                $"M1Env could not read or write a file it needs: {exception.Message} Check the permissions and free space of the env's prefix and of M1EnvToolsDir."));
            return false;
        }
        catch (OperationCanceledException)
        {
            Log.LogWarning(cancelledMessage);
            return false;
        }
        finally
        {
            engine?.Reacquire();
        }
    }

    /// <summary>A coded failure as one MSBuild error, with the tool's last lines under it.</summary>
    private protected void LogFailure(M1EnvException exception)
    {
        var details = exception.ToolOutput.Count == 0
            ? string.Empty
            : Environment.NewLine + string.Join(Environment.NewLine, exception.ToolOutput.Select(line => "  | " + line));
        LogError(new SpecError(exception.Code, exception.Message + details));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // An error points at the element that declares the faulty item (or at least its file), else at the
    // project being built: never at M1Env.targets in the NuGet cache, where the task itself is written.
    private protected void LogError(SpecError error)
    {
        var file = error.DeclaredIn?.File ?? (string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var (line, column) = error.DeclaredIn is null ? (0, 0) : DeclarationLocator.Find(error.DeclaredIn);
        Log.LogError(subcategory: null, error.Code, helpKeyword: null, file, line, column, 0, 0, error.Message);
    }
}
