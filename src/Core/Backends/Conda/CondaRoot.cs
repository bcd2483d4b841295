namespace M1Env.Core.Backends.Conda;

/// <summary>Where a conda install keeps its named envs, told from the files around its executable.</summary>
public static class CondaRoot
{
    /// <summary>
    /// The root prefix of conda or mamba (the folder above <c>bin</c>, <c>Scripts</c> or <c>condabin</c>
    /// that holds <c>conda-meta</c>); for micromamba, MAMBA_ROOT_PREFIX or the default root that exists.
    /// Null when it cannot be told without running the tool.
    /// </summary>
    public static string? Of(CondaCandidate candidate, CondaCandidateSources sources)
    {
        if (candidate.Flavor == CondaFlavor.Micromamba)
        {
            if (sources.MambaRootPrefix is { } configured)
            {
                return configured;
            }

            // micromamba 1.x defaults to ~/micromamba, 2.x to ~/.local/share/mamba.
            var legacy = Path.Combine(sources.HomeDirectory, "micromamba");
            var current = Path.Combine(sources.HomeDirectory, ".local", "share", "mamba");
            return Directory.Exists(current) && !Directory.Exists(legacy) ? current : legacy;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(candidate.Executable));
        while (directory is not null && Path.GetFileName(directory) is "bin" or "Scripts" or "condabin" or "Library")
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory is not null && Directory.Exists(Path.Combine(directory, "conda-meta")) ? directory : null;
    }

    /// <summary>The folder conda keeps named envs in.</summary>
    public static string EnvsDirectory(string rootPrefix) => Path.Combine(rootPrefix, "envs");
}
