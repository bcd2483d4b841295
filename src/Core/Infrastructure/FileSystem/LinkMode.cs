namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>M1EnvLinkMode: how a kept file is put into an env, as uv's <c>UV_LINK_MODE</c>.</summary>
public enum LinkMode
{
    /// <summary>A copy-on-write clone where the file system can make one, else a hard link, else a copy.</summary>
    Auto,

    /// <summary>A copy-on-write clone, else a copy (with a warning): an env never shares a file with the cache.</summary>
    Clone,

    /// <summary>A hard link, else a copy (with a warning).</summary>
    Hardlink,

    /// <summary>A copy (which the system itself may make a clone of).</summary>
    Copy,
}
