using System.Text;

namespace M1Env.Core.Engine.Publishing;

/// <summary>
/// pip writes each console script with its interpreter's absolute path in the shebang, which breaks
/// when the folder moves. A script launched by the published Python gets instead the shell-and-Python
/// preamble uv and python-build-standalone use: <c>/bin/sh</c> runs the <c>python3</c> beside the
/// script (wherever the folder is now), which then reads the file as Python and skips the preamble.
/// POSIX only: Windows scripts are launchers with the path inside, and are left as pip wrote them.
/// </summary>
public static class RelocatableScripts
{
    private const string Preamble = "#!/bin/sh\n'''exec' \"$(dirname -- \"$(realpath -- \"$0\")\")/python3\" \"$0\" \"$@\"\n' '''\n";

    /// <summary>Rewrites every script in <paramref name="binDirectory"/> whose shebang names a file under <paramref name="home"/>; returns how many.</summary>
    public static int Rewrite(string binDirectory, string home)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }

        if (!Directory.Exists(binDirectory))
        {
            return 0;
        }

        var prefix = "#!" + Path.TrimEndingDirectorySeparator(home) + Path.DirectorySeparatorChar;
        var rewritten = 0;
        foreach (var script in Directory.EnumerateFiles(binDirectory))
        {
            var info = new FileInfo(script);
            if (info.LinkTarget is not null || info.Length > 1 << 20 || FirstLine(script) is not { } first || !first.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(script);
            var mode = File.GetUnixFileMode(script);
            // A new file renamed over the script: the old one may be a hard link that a kept install shares.
            var written = script + ".m1env-new";
            File.WriteAllText(written, Preamble + text[(text.IndexOf('\n') + 1)..], new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.SetUnixFileMode(written, mode);
            File.Move(written, script, overwrite: true);
            rewritten++;
        }

        return rewritten;
    }

    private static string? FirstLine(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[4096];
        var read = stream.Read(buffer, 0, buffer.Length);
        if (read < 2 || buffer[0] != '#' || buffer[1] != '!')
        {
            return null;
        }

        var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? read : end);
    }
}
