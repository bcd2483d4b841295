using M1Env.Core.Backends.Conda;
using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;
using M1Env.Core.Verify;
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

    [Required]
    public string EnvRoot { get; set; } = string.Empty;

    public string? PipIndexUrl { get; set; }

    public string[] PipExtraIndexUrls { get; set; } = [];

    public string[] PipFindLinks { get; set; } = [];

    public bool Offline { get; set; }

    public string? ToolsDir { get; set; }

    /// <summary>M1EnvCondaExe: the conda, mamba or micromamba to run; empty to search.</summary>
    public string? CondaExe { get; set; }

    /// <summary>M1EnvBootstrap: install Miniforge into the tools folder when no conda is found.</summary>
    public bool Bootstrap { get; set; } = true;

    public string? MiniforgeVersion { get; set; }

    public string? MiniforgeUrl { get; set; }

    public string? MiniforgeSha256 { get; set; }

    /// <summary>M1EnvLockFile: the lock file of the project's only env.</summary>
    public string? LockFile { get; set; }

    /// <summary>M1EnvLinkMode: auto, clone, hardlink or copy.</summary>
    public string? LinkMode { get; set; }

    /// <summary>M1EnvLockedMode: the lock must match the declaration (default in CI).</summary>
    public bool LockedMode { get; set; }

    /// <summary>M1EnvFrozen: install the lock as it is.</summary>
    public bool Frozen { get; set; }

    public string[] LockPlatforms { get; set; } = [];

    public string[] LockUpdate { get; set; } = [];

    public string[] LockPrivateHosts { get; set; } = [];

    /// <summary>Set by the M1EnvLock target: resolve every env again.</summary>
    public bool Relock { get; set; }

    /// <summary>M1EnvVerify: run the in-env check after an env changes.</summary>
    public bool Verify { get; set; }

    /// <summary>M1EnvRequireAccelerator: fail when no framework computes right on an accelerator.</summary>
    public bool RequireAccelerator { get; set; }

    /// <summary>Where the check's JSON reports go (the project's obj folder).</summary>
    public string? VerifyReportDirectory { get; set; }

    /// <summary>The project being built ($(MSBuildProjectFullPath)): the owner recorded in each prefix, and where errors that no item caused point.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Minutes to wait for another build working on the same prefix.</summary>
    public int LockTimeoutMinutes { get; set; } = 30;

    public void Cancel() => Cancellation.Cancel();

    /// <summary>The declared envs, validated; null after logging every error in the declaration.</summary>
    private protected (IReadOnlyList<EnvSpec> Specs, EnvProvisioner Provisioner)? Prepare(string? buildKey)
    {
        var log = new MSBuildProvisionLog(Log, string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var settings = new ProjectSettings(
            string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode ?? string.Empty : ProjectFile,
            ProjectDirectory,
            EnvRoot,
            ToolsDirectory)
        {
            Sources = new PackageSourceSettings(
                PipIndexUrl,
                PipExtraIndexUrls.Where(u => !string.IsNullOrWhiteSpace(u)).ToArray(),
                PipFindLinks.Where(u => !string.IsNullOrWhiteSpace(u)).ToArray(),
                Offline),
            Conda = new CondaSettings(Blank(CondaExe), Bootstrap, ToolsDirectory)
            {
                MiniforgeVersion = Blank(MiniforgeVersion),
                MiniforgeUrl = Blank(MiniforgeUrl),
                MiniforgeSha256 = Blank(MiniforgeSha256),
            },
            Verify = new VerifySettings(Verify || RequireAccelerator, RequireAccelerator, Blank(VerifyReportDirectory)),
            LockTimeout = TimeSpan.FromMinutes(LockTimeoutMinutes),
            LockFile = Blank(LockFile),
            LinkMode = Blank(LinkMode),
            Lock = LockSettings.FromProperties(Frozen, LockedMode, LockPlatforms, LockUpdate, Relock, LockPrivateHosts),
        };
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

    private string ToolsDirectory => string.IsNullOrWhiteSpace(ToolsDir) ? ProvisionOptions.DefaultToolsDirectory : ToolsDir;

    // An error points at the element that declares the faulty item (or at least its file), else at the
    // project being built: never at M1Env.targets in the NuGet cache, where the task itself is written.
    private protected void LogError(SpecError error)
    {
        var file = error.DeclaredIn?.File ?? (string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var (line, column) = error.DeclaredIn is null ? (0, 0) : DeclarationLocator.Find(error.DeclaredIn);
        Log.LogError(subcategory: null, error.Code, helpKeyword: null, file, line, column, 0, 0, error.Message);
    }
}
