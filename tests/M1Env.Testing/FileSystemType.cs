namespace M1Env.Testing;

/// <summary>The type of the file system a path is on (ext4, xfs, tmpfs...), from Linux's mount table.</summary>
public static class FileSystemType
{
    /// <summary>Null off Linux, or where the mount table cannot be read.</summary>
    public static string? Of(string path)
    {
        const string mountInfo = "/proc/self/mountinfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(mountInfo))
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        string? type = null;
        var longest = -1;
        foreach (var line in File.ReadLines(mountInfo))
        {
            // "36 35 98:0 / /mnt rw,noatime master:1 - ext3 /dev/root rw": field 5 is the mount point, the one after " - " the type.
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            var mountPoint = fields.Length > 4 ? fields[4].Replace("\\040", " ", StringComparison.Ordinal) : string.Empty;
            var inside = mountPoint == "/" || full == mountPoint || full.StartsWith(mountPoint + "/", StringComparison.Ordinal);
            if (separator > 0 && separator + 1 < fields.Length && inside && mountPoint.Length > longest)
            {
                longest = mountPoint.Length;
                type = fields[separator + 1];
            }
        }

        return type;
    }
}
