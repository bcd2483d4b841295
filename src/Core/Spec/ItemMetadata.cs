namespace M1Env.Core.Spec;

/// <summary>
/// The metadata each declaration item takes: the one list that the task, the tool and the
/// unknown-metadata warning follow. A name added to a declaration is added here.
/// </summary>
public static class ItemMetadata
{
    public const string PythonEnv = "PythonEnv";
    public const string CondaEnv = "CondaEnv";
    public const string PipPackage = "PipPackage";
    public const string CondaPackage = "CondaPackage";

    private static readonly Dictionary<string, string[]> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [PythonEnv] = ["Python", "Prefix", "Jupyter", "LockFile"],
        [CondaEnv] = ["Python", "Channels", "Prefix", "Named", "Jupyter", "LockFile"],
        [PipPackage] = ["Version", "Env", "Markers", "Platforms"],
        [CondaPackage] = ["Version", "Channel", "Env", "Platforms"],
    };

    // Read from a PythonEnv only to refuse them with their own error (M1E008), so never "unknown" there.
    private static readonly string[] RefusedOnPythonEnv = ["Channels", "Named"];

    // MSBuild's well-known metadata, and what MSBuild and IDEs put on any item: never the user's mistake.
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "Identity",
        "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory",
        "DefiningProjectName", "DefiningProjectExtension", "OriginalItemSpec", "Visible", "Link", "DependentUpon",
    };

    /// <summary>The metadata an item of this type takes, in the order the docs give them; empty for another type.</summary>
    public static IReadOnlyList<string> For(string itemType) => Known.TryGetValue(itemType, out var names) ? names : [];

    /// <summary>Whether M1Env reads this metadata of this item type, or leaves it to MSBuild.</summary>
    public static bool IsKnown(string itemType, string name) =>
        Ignored.Contains(name)
        || For(itemType).Contains(name, StringComparer.OrdinalIgnoreCase)
        || (string.Equals(itemType, PythonEnv, StringComparison.OrdinalIgnoreCase) && RefusedOnPythonEnv.Contains(name, StringComparer.OrdinalIgnoreCase));
}
