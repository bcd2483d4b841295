using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Errors;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Task = Microsoft.Build.Utilities.Task;

namespace M1Env.Tasks;

/// <summary>
/// The project's cache key without provisioning (<c>dotnet msbuild -t:M1EnvCacheKey</c>): from the declared
/// envs and their lock files alone, in-process, so a fresh CI agent has it before it restores M1EnvToolsDir.
/// Starts no process, looks for no tool and reads nothing in M1EnvToolsDir.
/// </summary>
public sealed class ComputeCacheKey : Task
{
    public ITaskItem[] PythonEnvs { get; set; } = [];

    public ITaskItem[] CondaEnvs { get; set; } = [];

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>M1EnvLockFile: the lock file of the project's only env.</summary>
    public string? LockFile { get; set; }

    /// <summary>M1EnvLockPlatforms: a conda env's lock files of these platforms count.</summary>
    public string[] LockPlatforms { get; set; } = [];

    /// <summary>Where errors that no item caused point.</summary>
    public string? ProjectFile { get; set; }

    [Output]
    public string CacheKey { get; private set; } = string.Empty;

    /// <summary>Each env, with its own key as <c>CacheKey</c> metadata.</summary>
    [Output]
    public ITaskItem[] Envs { get; private set; } = [];

    public override bool Execute()
    {
        var declarations = TaskItemReader.Envs(PythonEnvs, CondaEnvs);
        var (inputs, errors) = CacheKeyInput.FromDeclarations(declarations, ProjectDirectory, LockFile, LockPlatforms);
        foreach (var error in errors)
        {
            LogError(error);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        var keys = inputs.Select(CacheKeys.ForEnv).ToArray();
        Envs = declarations.Zip(keys, (env, key) => (ITaskItem)new TaskItem(env.Name, new Dictionary<string, string> { ["CacheKey"] = key })).ToArray();
        CacheKey = CacheKeys.FromEnvKeys(keys);
        return true;
    }

    private void LogError(SpecError error)
    {
        var file = error.DeclaredIn?.File ?? (string.IsNullOrWhiteSpace(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile);
        var (line, column) = error.DeclaredIn is null ? (0, 0) : DeclarationLocator.Find(error.DeclaredIn);
        Log.LogError(subcategory: null, error.Code, helpKeyword: null, file, line, column, 0, 0, error.Message);
    }
}
