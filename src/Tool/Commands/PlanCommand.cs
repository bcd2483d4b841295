using System.CommandLine;
using M1Env.Core.Engine.Planning;

namespace M1Env.Tool.Commands;

/// <summary><c>m1env plan [--project P] [--env NAME] [--json]</c>: what the next build would do to each env, and why, doing nothing.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var env = ProjectCommand.EnvOption("Only this env (a name the project or a referenced project declares).");
        var json = new Option<bool>("--json") { Description = "Write the plans as JSON, for scripts." };
        var command = new Command("plan", "Say what the next build would do to each declared env, and why, without doing it.") { project, env, json };
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), verbose: false, async envs =>
        {
            var plans = new List<object>();
            var chosen = parse.GetValue(env) is { } name ? [envs.Find(name)] : envs.Envs;
            if (chosen.Count == 0 && !parse.GetValue(json))
            {
                Console.Out.WriteLine("The project declares no env and references no project that does: nothing to plan.");
            }

            foreach (var (spec, provisioner) in chosen)
            {
                var plan = await provisioner.PlanAsync(spec, cancellationToken);
                if (parse.GetValue(json))
                {
                    plans.Add(new { env = spec.Name, kind = spec.Kind, prefix = spec.Prefix, plan });
                }
                else
                {
                    foreach (var line in PlanReport.Describe(spec, plan, provisioner.BackendFor(spec)))
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
