using System.CommandLine;
using System.Globalization;
using M1Env.Core.Diagnostics;
using M1Env.Core.Errors;
using M1Env.Core.Processes;
using M1Env.Core.Verify;
using Spectre.Console;

namespace M1Env.Tool.Commands;

/// <summary>
/// <c>m1env verify [--python PATH | --env PREFIX] [--json] [--benchmark]</c>: runs the in-env check and shows a
/// checklist: each framework, the accelerator it sees, and whether a computation there is right.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var python = new Option<string?>("--python") { Description = "The interpreter to check (default: python3 on PATH)." };
        var env = new Option<string?>("--env") { Description = "An env's prefix: check its interpreter." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON, for scripts." };
        var benchmark = new Option<bool>("--benchmark") { Description = "Also time a matmul on each accelerator (the course's check)." };
        var size = new Option<int>("--size") { Description = "The matmul's size (n x n).", DefaultValueFactory = _ => 10000 };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs; the best counts.", DefaultValueFactory = _ => 5 };
        var command = new Command("verify", "Check that the frameworks of a Python env see the accelerator and compute right on it.")
        {
            python, env, json, benchmark, size, repeat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var interpreter = parse.GetValue(env) is { } prefix
                ? Path.Combine(prefix, OperatingSystem.IsWindows() ? Path.Combine("Scripts", "python.exe") : Path.Combine("bin", "python"))
                : parse.GetValue(python) ?? (OperatingSystem.IsWindows() ? "python" : "python3");
            try
            {
                var report = await new EnvCheck(new ProcessRunner(NullProvisionLog.Instance))
                    .RunAsync(interpreter, parse.GetValue(benchmark), parse.GetValue(size), parse.GetValue(repeat), cancellationToken);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(ToolJson.Write(report));
                }
                else
                {
                    Render(report);
                }

                return report.AcceleratedFrameworks.All(f => f.Error is null && (f.Computation?.Matches ?? true)) ? 0 : 1;
            }
            catch (M1EnvException exception)
            {
                Console.Error.WriteLine($"error {exception.Code}: {exception.Message}");
                foreach (var line in exception.ToolOutput)
                {
                    Console.Error.WriteLine("  | " + line);
                }

                return 2;
            }
        });
        return command;
    }

    private static void Render(EnvCheckReport report)
    {
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
