using System.Globalization;

namespace M1Env.Core.Machine;

/// <summary>Facts about a Linux machine from <c>/proc</c> and <c>/etc/os-release</c>.</summary>
internal static class LinuxSystem
{
    public static string? Cpu => Field("/proc/cpuinfo", "model name", ':');

    public static long Memory =>
        Field("/proc/meminfo", "MemTotal", ':') is { } total && long.TryParse(total.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : 0;

    public static string? Distribution => Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"');

    private static string? Field(string file, string key, char separator)
    {
        try
        {
            return File.ReadLines(file)
                .Select(line => line.Split(separator, 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
                .Select(parts => parts[1].Trim())
                .FirstOrDefault();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
