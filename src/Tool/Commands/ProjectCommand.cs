using System.CommandLine;
using M1Env.Core.Errors;
using M1Env.Core.Provisioning;
using M1Env.Core.Spec;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Commands;

/// <summary>What the commands that work on a project's envs share: the --project option, loading, validation, errors.</summary>
internal static class ProjectCommand
{
    public static Option<string?> ProjectOption() => new("--project") { Description = "The project file, or its folder (default: the current folder)." };

    public static Option<bool> VerboseOption() => new("--verbose") { Description = "Also show what pip and conda print." };

    /// <summary>Loads the project and runs <paramref name="work"/> on its valid specs; coded errors become exit code 2.</summary>
    public static async Task<int> RunAsync(
        string? project,
        bool verbose,
        Func<IReadOnlyList<EnvSpec>, EnvProvisioner, Task<int>> work,
        CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await ProjectLoader.LoadAsync(project, cancellationToken);
            var (specs, provisioner) = loaded.Settings.Prepare(loaded.Envs, loaded.PipPackages, loaded.CondaPackages, new ConsoleProvisionLog(verbose), buildKey: null);
            foreach (var error in specs.Errors)
            {
                Console.Error.WriteLine($"{error.DeclaredIn?.File ?? loaded.Settings.ProjectFile}: error {error.Code}: {error.Message}");
            }

            return specs.Errors.Count > 0 ? 2 : await work(specs.Envs, provisioner);
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
