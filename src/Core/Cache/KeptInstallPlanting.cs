using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Cache;

/// <summary>
/// One kept install being planted into an env: where each of its files goes, and what was put there
/// so far, to take back out when it cannot be planted whole. The dist-info is linked into a '~'
/// folder (what an interrupted pip leaves, and the next build deletes) and renamed into place last:
/// until then the env does not hold the distribution.
/// </summary>
/// <param name="distInfo">The dist-info folder, relative to the prefix.</param>
internal sealed class KeptInstallPlanting(string prefix, string distInfo)
{
    private readonly List<string> planted = [];
    private readonly List<string> createdFolders = [];
    private readonly HashSet<string> existingFolders = new(StringComparer.Ordinal);

    private string PartialDistInfo { get; } = Path.Combine(Path.GetDirectoryName(distInfo)!, "~" + Path.GetFileName(distInfo));

    /// <summary>Where a file of the kept install (relative to the prefix) is put: in the env, its dist-info's under the '~' folder.</summary>
    public string Target(string relative) =>
        Path.Combine(prefix, relative.StartsWith(distInfo + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? PartialDistInfo + relative[distInfo.Length..] : relative);

    /// <summary>The target of a file of the kept install, its folders created (and remembered, to undo).</summary>
    public string PrepareTarget(string relative)
    {
        var target = Target(relative);
        CreateFolderOf(target);
        return target;
    }

    /// <summary>Remembers a file put into the env, to take back out.</summary>
    public void Planted(string file) => planted.Add(file);

    /// <summary>Renames the dist-info into place: from now on the env holds the distribution.</summary>
    public void Complete() => Directory.Move(Path.Combine(prefix, PartialDistInfo), Path.Combine(prefix, distInfo));

    /// <summary>Takes a partly planted install back out: an empty package folder left behind would import as a namespace package.</summary>
    public void Undo()
    {
        foreach (var file in planted)
        {
            Leftovers.DeleteFile(file);
        }

        foreach (var folder in Enumerable.Reverse(createdFolders))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not empty after all: something else put a file there.
            }
        }

        Leftovers.DeleteFolder(Path.Combine(prefix, PartialDistInfo));
    }

    /// <summary>Creates the folders of <paramref name="file"/> that are missing, remembering which (to undo) and which exist (a link per file, not a stat more).</summary>
    private void CreateFolderOf(string file)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetDirectoryName(file)!; !existingFolders.Contains(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        foreach (var path in missing)
        {
            Directory.CreateDirectory(path);
            createdFolders.Add(path);
            existingFolders.Add(path);
        }

        existingFolders.Add(Path.GetDirectoryName(file)!);
    }
}
