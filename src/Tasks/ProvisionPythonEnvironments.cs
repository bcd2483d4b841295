using M1Env.Core;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Provisioning;
using M1Env.Core.Spec;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace M1Env.Tasks;

/// <summary>
/// Makes every declared environment match its declaration. The targets call it only when their
/// own cheap check (a hash of the declaration against the key in each prefix) says something may
/// have changed; the task then re-checks each env itself.
/// </summary>
public sealed class ProvisionPythonEnvironments : Task, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();

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

    /// <summary>The project being built ($(MSBuildProjectFullPath)): the owner recorded in each prefix, and where errors that no item caused point.</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Minutes to wait for another build working on the same prefix.</summary>
    public int LockTimeoutMinutes { get; set; } = 30;

    public string? BuildKey { get; set; }

    [Output]
    public ITaskItem[] Provisioned { get; private set; } = [];

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        var context = new SpecContext(
            ProjectDirectory,
            EnvRoot,
            new PackageSourceSettings(
                PipIndexUrl,
                PipExtraIndexUrls.Where(u => !string.IsNullOrWhiteSpace(u)).ToArray(),
                PipFindLinks.Where(u => !string.IsNullOrWhiteSpace(u)).ToArray(),
                Offline),
            ToolsDirectory);

        var specs = SpecBuilder.Build(TaskItemReader.Envs(PythonEnvs, CondaEnvs), TaskItemReader.PipPackages(PipPackages), context);
        if (CondaPackages.Length > 0)
        {
            LogError(new SpecError(ErrorCodes.UnsupportedDeclaration,
                $"CondaPackage '{InputQuote.Shorten(CondaPackages[0].ItemSpec)}' needs the conda backend, which this version of M1Env.Sdk does not ship yet; declare it as a PipPackage or update M1Env.Sdk.",
                TaskItemReader.DeclaredIn(CondaPackages[0])));
        }

        foreach (var error in specs.Errors)
        {
            LogError(error);
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var options = new ProvisionOptions(
            ToolsDirectory,
            ToolInfo.Version,
            TimeSpan.FromMinutes(LockTimeoutMinutes),
            string.IsNullOrWhiteSpace(BuildKey) ? null : BuildKey)
        {
            ProjectFile = string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode ?? string.Empty : ProjectFile,
            EnvRoot = EnvRoot,
        };
        var provisioner = new EnvProvisioner(options, new MSBuildProvisionLog(Log));

        var provisioned = new List<ITaskItem>();

        // Provisioning can take minutes of waiting on pip: let the node build other projects meanwhile.
        var engine = BuildEngine as IBuildEngine3;
        engine?.Yield();
        try
        {
            foreach (var spec in specs.Envs)
            {
                var result = provisioner.ProvisionAsync(spec, cancellation.Token).GetAwaiter().GetResult();
                provisioned.Add(ProvisionedItem.From(result.Env));
            }
        }
        catch (M1EnvException exception)
        {
            var details = exception.ToolOutput.Count == 0
                ? string.Empty
                : Environment.NewLine + string.Join(Environment.NewLine, exception.ToolOutput.Select(line => "  | " + line));
            LogError(new SpecError(exception.Code, exception.Message + details));
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
            Log.LogWarning("The build was cancelled; the next build finishes the environment.");
            return false;
        }
        finally
        {
            engine?.Reacquire();
        }

        Provisioned = provisioned.ToArray();
        return true;
    }

    private string ToolsDirectory => string.IsNullOrWhiteSpace(ToolsDir) ? ProvisionOptions.DefaultToolsDirectory : ToolsDir;

    // An error points at the file that declares the faulty item, else at the project being built:
    // never at M1Env.targets in the NuGet cache, which is where the task itself is written.
    private void LogError(SpecError error)
    {
        var file = error.DeclaredIn ?? (string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        Log.LogError(subcategory: null, error.Code, helpKeyword: null, file, 0, 0, 0, 0, error.Message);
    }
}
