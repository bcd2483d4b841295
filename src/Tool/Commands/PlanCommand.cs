using System.CommandLine;
using M1Env.Core.Planning;

namespace M1Env.Tool.Commands;

/// <summary><c>m1env plan [--project P] [--json]</c>: what the next build would do to each env, and why, doing nothing.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var json = new Option<bool>("--json") { Description = "Write the plans as JSON, for scripts." };
        var command = new Command("plan", "Say what the next build would do to each declared env, and why, without doing it.") { project, json };
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), verbose: false, async (specs, provisioner) =>
        {
            var plans = new List<object>();
            foreach (var spec in specs)
            {
                var plan = await provisioner.PlanAsync(spec, cancellationToken);
                if (parse.GetValue(json))
                {
                    plans.Add(new { env = spec.Name, kind = spec.Kind, prefix = spec.Prefix, plan });
                }
                else
                {
                    foreach (var line in PlanReport.Describe(spec, plan))
                    {
                        Console.Out.WriteLine(line);
                    }
                }
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToolJson.Write(plans));
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
