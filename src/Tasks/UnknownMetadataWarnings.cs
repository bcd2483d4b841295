using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>Warns (M1E018) about metadata on a declaration item that M1Env does not read, at the attribute that carries it.</summary>
internal static class UnknownMetadataWarnings
{
    public static void Log(TaskLoggingHelper log, string itemType, IEnumerable<ITaskItem> items, string? projectFile)
    {
        foreach (var item in items)
        {
            // Keys then values: the dictionary MSBuild hands out need not enumerate as DictionaryEntry.
            var custom = item.CloneCustomMetadata();
            var metadata = custom.Keys.OfType<string>().Select(name => new KeyValuePair<string, string>(name, custom[name] as string ?? string.Empty));
            foreach (var unknown in UnknownMetadata.Find(itemType, item.ItemSpec, metadata))
            {
                var site = TaskItemReader.DeclaredIn(item, itemType, item.ItemSpec);
                var (line, column) = site is null ? (0, 0) : DeclarationLocator.Find(site, unknown.Name);
                log.LogWarning(subcategory: null, ErrorCodes.UnknownMetadata, helpKeyword: null, site?.File ?? projectFile, line, column, 0, 0, unknown.Message);
            }
        }
    }
}
