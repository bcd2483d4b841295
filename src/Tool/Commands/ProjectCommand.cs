using System.CommandLine;
using M1Env.Core.Errors;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Commands;

/// <summary>What the commands that work on a project's envs share: the --project option, loading, validation, errors.</summary>
internal static class ProjectCommand
{
    public static Option<string?> ProjectOption() => new("--project") { Description = "The project file, or its folder (default: the current folder)." };

    public static Option<bool> VerboseOption() => new("--verbose") { Description = "Also show what pip and conda print." };

    public static Option<string?> EnvOption(string description) => new("--env") { Description = description };

    /// <summary>
    /// Loads the project and the projects it references, and runs <paramref name="work"/> on their
    /// valid envs; coded errors become exit code 2.
    /// </summary>
    public static async Task<int> RunAsync(
        string? project,
        bool verbose,
        Func<ProjectEnvSet, Task<int>> work,
        CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await ProjectLoader.LoadWithReferencesAsync(project, cancellationToken);
            var envs = ProjectEnvSet.Prepare(loaded, new ConsoleProvisionLog(verbose));
            foreach (var (file, error) in envs.Errors)
            {
                Console.Error.WriteLine($"{file}: error {error.Code}: {error.Message}");
            }

            return envs.Errors.Count > 0 ? 2 : await work(envs);
        }
        catch (M1EnvException exception)
        {
            WriteError(exception);
            return 2;
        }
    }

    /// <summary>A coded error on stderr, with the tool's last lines under it.</summary>
    public static void WriteError(M1EnvException exception)
    {
        Console.Error.WriteLine($"error {exception.Code}: {exception.Message}");
        foreach (var line in exception.ToolOutput)
        {
            Console.Error.WriteLine("  | " + line);
        }
    }
}
