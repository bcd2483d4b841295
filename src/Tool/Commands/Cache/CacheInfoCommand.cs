using System.CommandLine;
using System.Globalization;
using M1Env.Core.ToolsFolder;
using Spectre.Console;

namespace M1Env.Tool.Commands.Cache;

/// <summary><c>m1env cache info [--tools-dir D] [--json]</c>: the tools folder's size by kind.</summary>
internal static class CacheInfoCommand
{
    public static Command Create()
    {
        var toolsDir = CacheToolsFolder.Option();
        var json = new Option<bool>("--json") { Description = "Write the sizes as JSON, for scripts." };
        var command = new Command("info", "Show how much of the tools folder each kind of content takes (kept installs, venvs, managed Pythons, Miniforge, ...).") { toolsDir, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = await CacheToolsFolder.ResolveAsync(parse.GetValue(toolsDir), cancellationToken);
            var inventory = ToolsFolderInventory.Read(root);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToolJson.Write(new
                {
                    toolsDir = inventory.Root,
                    bytes = inventory.Bytes,
                    hardLinksCountedOnce = OperatingSystem.IsLinux(),
                    kinds = inventory.Kinds,
                }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(inventory.Root))
                .AddColumn("Kind").AddColumn(new TableColumn("Items").RightAligned()).AddColumn(new TableColumn("Files").RightAligned()).AddColumn(new TableColumn("Size").RightAligned());
            foreach (var kind in inventory.Kinds)
            {
                table.AddRow(Markup.Escape(Describe(kind.Kind)), kind.Items > 0 ? kind.Items.ToString(CultureInfo.InvariantCulture) : "", kind.Files.ToString(CultureInfo.InvariantCulture), CacheToolsFolder.Megabytes(kind.Bytes));
            }

            table.AddRow("[bold]Total[/]", "", "", $"[bold]{CacheToolsFolder.Megabytes(inventory.Bytes)}[/]");
            AnsiConsole.Write(table);
            if (!OperatingSystem.IsLinux())
            {
                Console.Out.WriteLine("A file with several names (hard links) counts once per name here.");
            }

            return 0;
        });
        return command;
    }

    public static string Describe(ToolsFolderKind kind) => kind switch
    {
        ToolsFolderKind.Installs => "kept installs (installs/)",
        ToolsFolderKind.PipSeeds => "pip seeds (installs/pip/)",
        ToolsFolderKind.Venvs => "kept venvs (venvs/)",
        ToolsFolderKind.Probes => "probe answers (probes/)",
        ToolsFolderKind.ManagedPythons => "managed Pythons (python/)",
        ToolsFolderKind.Miniforge => "Miniforge (miniforge3/)",
        ToolsFolderKind.CondaPackages => "conda package caches (conda-pkgs/, conda-resolve/)",
        ToolsFolderKind.Locks => "locks (locks/)",
        ToolsFolderKind.Leftovers => "leftovers of interrupted builds",
        _ => "other",
    };
}
