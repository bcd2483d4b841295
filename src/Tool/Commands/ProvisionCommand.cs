using System.CommandLine;
using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tool.Commands;

/// <summary><c>m1env provision [--project P]</c>: what <c>dotnet build</c> does to the declared envs (referenced env projects' too), without building the project.</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var verbose = ProjectCommand.VerboseOption();
        var json = new Option<bool>("--json") { Description = "Write the provisioned envs as JSON (what M1EnvProvisioned holds), for scripts." };
        var command = new Command("provision", "Make every declared env match its declaration, as a build does.") { project, verbose, json };
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), parse.GetValue(verbose), async envs =>
        {
            // Side by side, as a build does; each env that fails is reported, and the others finish.
            var outcomes = new List<EnvOutcome>();
            foreach (var group in envs.Envs.GroupBy(e => e.Provisioner))
            {
                outcomes.AddRange(await EnvSetProvisioner.ProvisionAsync(group.Key, group.Select(e => e.Spec).ToArray(), cancellationToken));
            }

            foreach (var failure in outcomes.Select(o => o.Error).OfType<M1EnvException>())
            {
                ProjectCommand.WriteError(failure);
            }

            if (outcomes.Any(o => o.Error is not null))
            {
                return 2;
            }

            var provisioned = outcomes.Select(o => o.Result!.Env).ToArray();
            Console.Out.WriteLine(parse.GetValue(json)
                ? ToolJson.Write(provisioned)
                : string.Join(Environment.NewLine, provisioned.Select(env => $"{env.Name}: {env.Python}")));
            return 0;
        }, cancellationToken, live: true));
        return command;
    }
}
