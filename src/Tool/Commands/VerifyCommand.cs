using System.CommandLine;
using System.Globalization;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Verify;
using M1Env.Tool.Projects;
using Spectre.Console;

namespace M1Env.Tool.Commands;

/// <summary>
/// <c>m1env verify [--env NAME | --prefix FOLDER | --python PATH] [--project P] [--json] [--benchmark]</c>:
/// runs the in-env check and shows a checklist: each framework, the accelerator it sees, and whether a
/// computation there is right. In a project folder (or with --project) it checks the project's envs,
/// those of referenced env projects included; elsewhere, python3 on PATH.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var python = new Option<string?>("--python") { Description = "The interpreter to check." };
        var prefix = new Option<string?>("--prefix") { Description = "An env's folder: check its interpreter." };
        var env = ProjectCommand.EnvOption("A declared env's name: check only it (default: every env of the project).");
        var project = ProjectCommand.ProjectOption();
        var json = new Option<bool>("--json") { Description = "Write the report as JSON, for scripts." };
        var benchmark = new Option<bool>("--benchmark") { Description = "Also time a matmul on each accelerator (the course's check)." };
        var size = new Option<int>("--size") { Description = "The matmul's size (n x n).", DefaultValueFactory = _ => 10000 };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs; the best counts.", DefaultValueFactory = _ => 5 };
        var command = new Command("verify", "Check that the frameworks of a Python env see the accelerator and compute right on it.")
        {
            python, prefix, env, project, json, benchmark, size, repeat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            async Task<int> Check(IReadOnlyList<VerifyTarget> targets)
            {
                var checker = new EnvCheck(new ProcessRunner(NullProvisionLog.Instance));
                var reports = new List<EnvCheckReport>();
                foreach (var target in targets)
                {
                    var report = await checker.RunAsync(target.Python, parse.GetValue(benchmark), parse.GetValue(size), parse.GetValue(repeat), cancellationToken);
                    reports.Add(report);
                    if (!parse.GetValue(json))
                    {
                        Render(target.Title, report);
                    }
                }

                if (parse.GetValue(json))
                {
                    // One interpreter: its report; a project's envs: one entry per env.
                    Console.Out.WriteLine(reports.Count == 1 && targets[0].Title is null
                        ? ToolJson.Write(reports[0])
                        : ToolJson.Write(targets.Zip(reports, (target, report) => new { env = target.Title, report }).ToArray()));
                }

                return reports.All(r => r.AcceleratedFrameworks.All(f => f.Error is null && (f.Computation?.Matches ?? true))) ? 0 : 1;
            }

            try
            {
                if (parse.GetValue(size) < 1 || parse.GetValue(repeat) < 1)
                {
                    throw new M1EnvException(ErrorCodes.InvalidCommandLine, "--size and --repeat must be 1 or more.");
                }

                var chosen = new[] { parse.GetValue(python) is not null, parse.GetValue(prefix) is not null, parse.GetValue(env) is not null }.Count(b => b);
                if (chosen > 1)
                {
                    throw new M1EnvException(ErrorCodes.InvalidCommandLine, "Give one of --env (a declared env's name), --prefix (an env's folder) or --python (an interpreter).");
                }

                if (parse.GetValue(python) is { } interpreter)
                {
                    return await Check([new VerifyTarget(null, interpreter)]);
                }

                if (parse.GetValue(prefix) is { } folder)
                {
                    return await Check([VerifyTarget.AtPrefix(folder)]);
                }

                if (parse.GetValue(env) is null && parse.GetValue(project) is null && !ProjectLoader.HoldsProject(Directory.GetCurrentDirectory()))
                {
                    return await Check([new VerifyTarget(null, OperatingSystem.IsWindows() ? "python" : "python3")]);
                }

                return await ProjectCommand.RunAsync(parse.GetValue(project), verbose: false, envs =>
                {
                    var targets = parse.GetValue(env) is { } name ? [envs.Find(name)] : envs.Envs;
                    return targets.Count == 0
                        ? throw new M1EnvException(ErrorCodes.EnvNotMade, "The project declares no env and references no project that does: nothing to verify. Use --python or --prefix for another interpreter.")
                        : Check(targets.Select(VerifyTarget.Of).ToArray());
                }, cancellationToken);
            }
            catch (M1EnvException exception)
            {
                ProjectCommand.WriteError(exception);
                return 2;
            }
        });
        return command;
    }

    private static void Render(string? title, EnvCheckReport report)
    {
        if (title is not null)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Python {report.Python} ({report.Machine}, {report.System} {report.Release}) at {report.Executable}"));
        var table = new Table().AddColumns("", "Framework", "Version", "Accelerator", "Check").Border(TableBorder.Rounded);
        foreach (var framework in report.Frameworks)
        {
            var (mark, accelerator, check) = Describe(framework);
            table.AddRow(mark, Markup.Escape(framework.Name), Markup.Escape(framework.Version ?? "-"), Markup.Escape(accelerator), Markup.Escape(check));
        }

        AnsiConsole.Write(table);
    }

    private static (string Mark, string Accelerator, string Check) Describe(FrameworkCheck framework)
    {
        if (!framework.Present)
        {
            return ("[grey]-[/]", "-", framework.Error ?? "not installed");
        }

        if (framework.Error is not null)
        {
            return ("[red]x[/]", framework.Accelerator ?? "-", framework.Error);
        }

        if (!framework.UsesAccelerator)
        {
            return ("[green]v[/]", "cpu", "imports");
        }

        if (framework.Accelerator is null)
        {
            return ("[yellow]![/]", "none", framework.Reason ?? "sees no accelerator");
        }

        var timing = framework.Matmul is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"; {m.Size}x{m.Size} matmul {m.Seconds * 1000:0.0} ms ({m.Teraflops:0.0} TFLOP/s)")
            : string.Empty;
        return framework.AcceleratorWorks
            ? ("[green]v[/]", $"{framework.Accelerator} ({framework.Device})", "computes right" + timing)
            : ("[red]x[/]", $"{framework.Accelerator} ({framework.Device})", $"wrong result (relative error {framework.Computation?.RelativeError:g3})");
    }
}
