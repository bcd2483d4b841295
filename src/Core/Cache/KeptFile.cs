using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// What a kept install records of one of its files when it keeps it, so that a file changed since
/// (edited in place, through a hard link from an env) is never linked into another env.
/// </summary>
/// <param name="Sha256">The file's digest, as RECORD writes one, where RECORD gives none (byte code).</param>
public sealed record KeptFile(long Size, long LastWriteTicksUtc, string? Sha256)
{
    public static KeptFile Of(string path, string? recordDigest)
    {
        var file = new FileInfo(path);
        return new(file.Length, file.LastWriteTimeUtc.Ticks, recordDigest is null ? RecordFile.Sha256Of(path) : null);
    }

    /// <summary>
    /// Whether the file at <paramref name="path"/> still holds what was kept. Size and modification time
    /// decide when both match what was recorded; otherwise (a folder restored from a CI cache or a tar,
    /// with times cut to whole seconds) its digest does, against RECORD's or the recorded one. Creation
    /// times never decide: a restored file always has a new one.
    /// </summary>
    /// <param name="kept">What was recorded when it was kept; null when nothing was.</param>
    public static KeptFileState Check(string path, KeptFile? kept, long? recordSize, string? recordDigest)
    {
        var file = new FileInfo(path);
        if (!file.Exists || (recordSize is { } size && file.Length != size))
        {
            return KeptFileState.Changed;
        }

        if (kept is not null && kept.Size == file.Length && kept.LastWriteTicksUtc == file.LastWriteTimeUtc.Ticks)
        {
            return KeptFileState.Unchanged;
        }

        return (recordDigest ?? kept?.Sha256) is { } digest && RecordFile.Sha256Of(path) == digest ? KeptFileState.SameContent : KeptFileState.Changed;
    }
}
