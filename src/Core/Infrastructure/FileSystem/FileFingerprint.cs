namespace M1Env.Core.Infrastructure.FileSystem;

/// <summary>
/// Size and times of a file (its final target when it is a link): enough to notice, without
/// starting it, that an interpreter was replaced in place by another build or a broken file.
/// </summary>
public sealed record FileFingerprint(long Size, long LastWriteTicksUtc, long CreationTicksUtc)
{
    public static FileFingerprint? Of(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null)
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            }

            return file.Exists ? new FileFingerprint(file.Length, file.LastWriteTimeUtc.Ticks, file.CreationTimeUtc.Ticks) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
