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
    // MSBuild's values are kept as given and read through the table once the task runs, so setting
    // the parameters loads no M1Env assembly: the engine loads while the task runs, where MSBuild logs it.
    private readonly Dictionary<string, object?> given = new(StringComparer.Ordinal);
    private SettingValues? values;

    private SettingValues Settings => values ??= SettingValues.FromParameters(given);

    private void Give(string parameter, object? value)
    {
        given[parameter] = value;
        values = null;
    }

    [Required]
    public string EnvRoot { get => Settings.Text(M1EnvSettings.Root) ?? string.Empty; set => Give(nameof(EnvRoot), value); }

    public string? PipIndexUrl { get => Settings.Text(M1EnvSettings.PipIndexUrl); set => Give(nameof(PipIndexUrl), value); }

    public string[] PipExtraIndexUrls { get => Settings.List(M1EnvSettings.PipExtraIndexUrls); set => Give(nameof(PipExtraIndexUrls), value); }

    public string[] PipFindLinks { get => Settings.List(M1EnvSettings.PipFindLinks); set => Give(nameof(PipFindLinks), value); }

    public bool Offline { get => Settings.Flag(M1EnvSettings.Offline); set => Give(nameof(Offline), value); }

    public string? ToolsDir { get => Settings.Text(M1EnvSettings.ToolsDir); set => Give(nameof(ToolsDir), value); }

    /// <summary>M1EnvCondaExe: the conda, mamba or micromamba to run; empty to search.</summary>
    public string? CondaExe { get => Settings.Text(M1EnvSettings.CondaExe); set => Give(nameof(CondaExe), value); }

    /// <summary>M1EnvBootstrap: install Miniforge into the tools folder when no conda is found.</summary>
    public bool Bootstrap { get => Settings.Flag(M1EnvSettings.Bootstrap); set => Give(nameof(Bootstrap), value); }

    public string? MiniforgeVersion { get => Settings.Text(M1EnvSettings.MiniforgeVersion); set => Give(nameof(MiniforgeVersion), value); }

    public string? MiniforgeUrl { get => Settings.Text(M1EnvSettings.MiniforgeUrl); set => Give(nameof(MiniforgeUrl), value); }

    public string? MiniforgeSha256 { get => Settings.Text(M1EnvSettings.MiniforgeSha256); set => Give(nameof(MiniforgeSha256), value); }

    /// <summary>M1EnvPythonPreference: system, managed or only-managed.</summary>
    public string? PythonPreference { get => Settings.Text(M1EnvSettings.PythonPreference); set => Give(nameof(PythonPreference), value); }

    /// <summary>M1EnvPythonDownloads: automatic or never.</summary>
    public string? PythonDownloads { get => Settings.Text(M1EnvSettings.PythonDownloads); set => Give(nameof(PythonDownloads), value); }

    public string? PythonMirror { get => Settings.Text(M1EnvSettings.PythonMirror); set => Give(nameof(PythonMirror), value); }

    public string? PythonArchive { get => Settings.Text(M1EnvSettings.PythonArchive); set => Give(nameof(PythonArchive), value); }

    public string? PythonSha256 { get => Settings.Text(M1EnvSettings.PythonSha256); set => Give(nameof(PythonSha256), value); }

    /// <summary>M1EnvLockFile: the lock file of the project's only env.</summary>
    public string? LockFile { get => Settings.Text(M1EnvSettings.LockFile); set => Give(nameof(LockFile), value); }

    /// <summary>M1EnvLinkMode: auto, clone, hardlink or copy.</summary>
    public string? LinkMode { get => Settings.Text(M1EnvSettings.LinkMode); set => Give(nameof(LinkMode), value); }

    /// <summary>M1EnvLockedMode: the lock must match the declaration (default in CI).</summary>
    public bool LockedMode { get => Settings.Flag(M1EnvSettings.LockedMode); set => Give(nameof(LockedMode), value); }

    /// <summary>M1EnvFrozen: install the lock as it is.</summary>
    public bool Frozen { get => Settings.Flag(M1EnvSettings.Frozen); set => Give(nameof(Frozen), value); }

    public string[] LockPlatforms { get => Settings.List(M1EnvSettings.LockPlatforms); set => Give(nameof(LockPlatforms), value); }

    public string[] LockUpdate { get => Settings.List(M1EnvSettings.LockUpdate); set => Give(nameof(LockUpdate), value); }

    public string[] LockPrivateHosts { get => Settings.List(M1EnvSettings.LockPrivateHosts); set => Give(nameof(LockPrivateHosts), value); }

    /// <summary>M1EnvVerify: run the in-env check after an env changes.</summary>
    public bool Verify { get => Settings.Flag(M1EnvSettings.Verify); set => Give(nameof(Verify), value); }

    /// <summary>M1EnvRequireAccelerator: fail when no framework computes right on an accelerator.</summary>
    public bool RequireAccelerator { get => Settings.Flag(M1EnvSettings.RequireAccelerator); set => Give(nameof(RequireAccelerator), value); }

    /// <summary>M1EnvLockTimeoutMinutes: minutes to wait for another build working on the same prefix.</summary>
    public int LockTimeoutMinutes { get => Settings.Number(M1EnvSettings.LockTimeoutMinutes); set => Give(nameof(LockTimeoutMinutes), value); }

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
            Settings,
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
