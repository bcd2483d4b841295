using System.CommandLine;

namespace M1Env.Tool.Commands;

/// <summary><c>m1env provision [--project P]</c>: what <c>dotnet build</c> does to the declared envs, without building the project.</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var verbose = ProjectCommand.VerboseOption();
        var command = new Command("provision", "Make every declared env match its declaration, as a build does.") { project, verbose };
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), parse.GetValue(verbose), async (specs, provisioner) =>
        {
            foreach (var spec in specs)
            {
                var result = await provisioner.ProvisionAsync(spec, cancellationToken);
                Console.Out.WriteLine($"{spec.Name}: {result.Python}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
