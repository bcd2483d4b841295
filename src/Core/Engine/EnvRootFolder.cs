using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Engine;

/// <summary>The folder that holds the envs of a project (M1EnvRoot).</summary>
internal static class EnvRootFolder
{
    /// <summary>
    /// Creates the parent of <paramref name="prefix"/>. When that is M1EnvRoot and M1Env creates it,
    /// it gets a <c>.gitignore</c> holding <c>*</c> (as CPython 3.13's venv does), so nothing under it is
    /// ever committed; a folder that already existed is the user's and is left as it is.
    /// </summary>
    public static void EnsureParentOf(string prefix, string? envRoot)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(prefix));
        if (parent is null || Directory.Exists(parent))
        {
            return;
        }

        Directory.CreateDirectory(parent);
        if (envRoot is not null && PathIdentity.AreEqual(Path.TrimEndingDirectorySeparator(Path.GetFullPath(envRoot)), parent))
        {
            File.WriteAllText(Path.Combine(parent, ".gitignore"), "# Created by M1Env: the Python environments here are built, never committed.\n*\n");
        }
    }
}
