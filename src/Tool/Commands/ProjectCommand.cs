using System.CommandLine;
using M1Env.Core.Infrastructure.Errors;
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
    /// <param name="live">Show a live status line while <paramref name="work"/> runs, in an interactive terminal (<see cref="ConsoleProvisionLog.LiveAsync{T}"/>).</param>
    public static async Task<int> RunAsync(
        string? project,
        bool verbose,
        Func<ProjectEnvSet, Task<int>> work,
        CancellationToken cancellationToken,
        bool live = false)
    {
        try
        {
            var loaded = await ProjectLoader.LoadWithReferencesAsync(project, cancellationToken);
            var log = new ConsoleProvisionLog(verbose);
            var envs = ProjectEnvSet.Prepare(loaded, log);
            foreach (var (file, error) in envs.Errors)
            {
                Console.Error.WriteLine($"{file}: error {error.Code}: {error.Message}");
            }

            return envs.Errors.Count > 0 ? 2
                : live ? await log.LiveAsync(() => work(envs))
                : await work(envs);
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
