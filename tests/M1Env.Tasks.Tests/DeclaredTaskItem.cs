using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks.Tests;

/// <summary>
/// An item as MSBuild hands it to a task, with the file that declares it: a plain TaskItem cannot
/// carry DefiningProjectFullPath, which only MSBuild's own items know.
/// </summary>
internal sealed class DeclaredTaskItem(string itemSpec, string declaredIn, params (string Name, string Value)[] metadata) : ITaskItem
{
    private readonly TaskItem item = WithMetadata(new TaskItem(itemSpec), metadata);

    public string ItemSpec
    {
        get => item.ItemSpec;
        set => item.ItemSpec = value;
    }

    public ICollection MetadataNames => item.MetadataNames;

    public int MetadataCount => item.MetadataCount;

    public string GetMetadata(string metadataName) =>
        metadataName == "DefiningProjectFullPath" ? declaredIn : item.GetMetadata(metadataName);

    public void SetMetadata(string metadataName, string metadataValue) => item.SetMetadata(metadataName, metadataValue);

    public void RemoveMetadata(string metadataName) => item.RemoveMetadata(metadataName);

    public void CopyMetadataTo(ITaskItem destinationItem) => item.CopyMetadataTo(destinationItem);

    public IDictionary CloneCustomMetadata() => item.CloneCustomMetadata();

    private static TaskItem WithMetadata(TaskItem item, (string Name, string Value)[] metadata)
    {
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}
