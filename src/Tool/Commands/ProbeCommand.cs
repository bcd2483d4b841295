using System.CommandLine;
using System.Globalization;
using M1Env.Core.Machine;
using Spectre.Console;

namespace M1Env.Tool.Commands;

/// <summary><c>m1env probe [--json]</c>: this machine's OS, CPU, memory and accelerators, from the native probe.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write the report as JSON, for scripts." };
        var command = new Command("probe", "Show this machine's accelerators (Metal, CUDA) as the native APIs report them.") { json };
        command.SetAction(parse =>
        {
            var report = MachineProbe.ProbeThisMachine();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToolJson.Write(report));
            }
            else
            {
                Render(report);
            }

            return 0;
        });
        return command;
    }

    private static void Render(MachineReport report)
    {
        var table = new Table().AddColumn("").AddColumn("").HideHeaders().Border(TableBorder.Rounded);
        table.AddRow("Machine", Markup.Escape($"{report.Os} {report.OsVersion}, {report.OsArchitecture.ToString().ToLowerInvariant()}" +
            (report.TranslatedByRosetta == true ? " (this process runs under Rosetta)" : string.Empty)));
        table.AddRow("CPU", Markup.Escape(report.Cpu ?? "unknown"));
        table.AddRow("Memory", Gib(report.MemoryBytes));
        table.AddRow("Metal", Markup.Escape(report.Metal.Problem ?? string.Join("; ", report.Metal.Devices.Select(d =>
            $"{d.Name}{(d.HasUnifiedMemory ? ", unified memory" : string.Empty)}, working set {Gib(d.RecommendedMaxWorkingSetBytes)}, Apple7 {YesNo(d.SupportsApple7)}, Metal 3 {YesNo(d.SupportsMetal3)}"))));
        table.AddRow("CUDA", Markup.Escape(report.Cuda.Problem ?? $"driver {report.Cuda.DriverVersion}; " + string.Join("; ", report.Cuda.Devices.Select(d =>
            $"{d.Ordinal}: {d.Name}, {Gib(d.TotalMemoryBytes)}, compute capability {d.ComputeCapability}"))));
        table.AddRow("[bold]Accelerator[/]", $"[bold]{report.Accelerator.ToString().ToUpperInvariant()}[/]");
        AnsiConsole.Write(table);
    }

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB");

    private static string YesNo(bool value) => value ? "yes" : "no";
}
