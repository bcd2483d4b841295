using System.CommandLine;
using System.Globalization;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.ToolsFolder;
using Spectre.Console;

namespace M1Env.Tool.Commands.Cache;

/// <summary><c>m1env cache prune [--days N] [--dry-run] [--tools-dir D] [--json]</c>: removes kept items no build used in N days.</summary>
internal static class CachePruneCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Remove what no build used in this many days (1 or more).", DefaultValueFactory = _ => 30 };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed, with sizes and last use, and remove nothing." };
        var toolsDir = CacheToolsFolder.Option();
        var json = new Option<bool>("--json") { Description = "Write the items as JSON, for scripts." };
        var command = new Command(
            "prune",
            "Remove the kept installs, venvs, pip seeds and probe answers no build used in the last N days. " +
            "Managed Pythons (python/) and Miniforge (miniforge3/) are kept: envs are made from them, and removing one would make those envs be made again.")
        {
            days, dryRun, toolsDir, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(days) < 1)
            {
                throw new M1EnvException(ErrorCodes.InvalidCommandLine, "--days must be 1 or more.");
            }

            var unusedFor = TimeSpan.FromDays(parse.GetValue(days));
            var root = await CacheToolsFolder.ResolveAsync(parse.GetValue(toolsDir), cancellationToken);
            var now = DateTime.UtcNow;
            var due = ToolsFolderPruner.Unused(ToolsFolderInventory.Read(root), unusedFor, now);
            var removed = parse.GetValue(dryRun) ? due : ToolsFolderPruner.Remove(due, unusedFor, now);
            var freed = removed.Sum(i => i.FreedBytes);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToolJson.Write(new { toolsDir = root, dryRun = parse.GetValue(dryRun), days = parse.GetValue(days), freedBytes = freed, items = removed }));
                return 0;
            }

            if (removed.Count == 0)
            {
                Console.Out.WriteLine($"No build left anything in {root} unused for {Days(parse.GetValue(days))} or more: nothing {(parse.GetValue(dryRun) ? "would be" : "was")} removed.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Item").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Last used");
            foreach (var item in removed)
            {
                table.AddRow(
                    Markup.Escape(Path.GetRelativePath(root, item.Path)),
                    CacheToolsFolder.Megabytes(item.Bytes),
                    item.LastUse.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (item.UseRecorded ? "" : " (written)"));
            }

            AnsiConsole.Write(table);
            Console.Out.WriteLine(parse.GetValue(dryRun)
                ? $"Would remove {removed.Count} items from {root}, freeing {CacheToolsFolder.Megabytes(freed)}; nothing was removed (--dry-run)."
                : $"Removed {removed.Count} of {due.Count} items from {root}, freeing {CacheToolsFolder.Megabytes(freed)}.");
            return 0;
        });
        return command;
    }

    private static string Days(int days) => days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
}
