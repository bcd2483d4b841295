using System.Text;

namespace M1Env.Testing;

/// <summary>
/// Makes an ELF file's RUNPATH relative: <c>&lt;build prefix&gt;/lib</c> becomes <c>$ORIGIN/&lt;way to lib&gt;</c>,
/// written in place over the old string and padded with NULs (what conda does to binary placeholders), so an env's
/// <c>bin/python</c> loads the env's <c>libpython</c>, not the one of the install it was copied from.
/// </summary>
internal static class ElfRunpath
{
    private static readonly byte[] Magic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <param name="path">The file's path relative to the prefix, forward slashes.</param>
    /// <returns>The patched bytes, or <paramref name="content"/> itself when it is no ELF file or holds no such string.</returns>
    public static byte[] MakeRelative(byte[] content, string path, string buildPrefix)
    {
        if (!content.AsSpan().StartsWith(Magic))
        {
            return content;
        }

        var old = Encoding.UTF8.GetBytes("\0" + buildPrefix + "/lib\0");
        var folder = "/" + (path.Contains('/') ? path[..path.LastIndexOf('/')] : string.Empty);
        var relative = Path.GetRelativePath("/p" + folder, "/p/lib").Replace('\\', '/');
        var replacement = Encoding.UTF8.GetBytes("\0" + (relative == "." ? "$ORIGIN" : "$ORIGIN/" + relative) + "\0");
        if (replacement.Length > old.Length)
        {
            return content;
        }

        byte[]? patched = null;
        var start = 0;
        while (start < content.Length)
        {
            var found = content.AsSpan(start).IndexOf(old);
            if (found < 0)
            {
                break;
            }

            patched ??= (byte[])content.Clone();
            var at = start + found;
            patched.AsSpan(at, old.Length).Clear();
            replacement.CopyTo(patched.AsSpan(at));
            start = at + old.Length - 1;
        }

        return patched ?? content;
    }
}
