namespace M1Env.Core.ToolsFolder;

/// <summary>What a folder of <c>M1EnvToolsDir</c> holds.</summary>
public enum ToolsFolderKind
{
    /// <summary>Kept installs of a lock's wheels (<c>installs/&lt;python&gt;/…</c>).</summary>
    Installs,

    /// <summary>Kept installs of an interpreter's bundled pip (<c>installs/pip/…</c>).</summary>
    PipSeeds,

    /// <summary>Kept venvs (<c>venvs/</c>).</summary>
    Venvs,

    /// <summary>Kept answers of interpreter probes (<c>probes/</c>).</summary>
    Probes,

    /// <summary>Managed CPython builds (<c>python/</c>): envs are made from them, so prune leaves them.</summary>
    ManagedPythons,

    /// <summary>The Miniforge M1Env installed (<c>miniforge3/</c>): conda envs live in it, so prune leaves it.</summary>
    Miniforge,

    /// <summary>M1Env's conda package caches (<c>conda-pkgs/</c> for installs, <c>conda-resolve/</c> for the lock's dry runs).</summary>
    CondaPackages,

    /// <summary>Cross-process locks and creation markers (<c>locks/</c>).</summary>
    Locks,

    /// <summary>What an interrupted build or prune left: drafts, half-removed items, records of removed items.</summary>
    Leftovers,

    /// <summary>Anything else in the folder.</summary>
    Other,
}
