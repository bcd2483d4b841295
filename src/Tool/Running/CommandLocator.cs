using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tool.Running;

/// <summary>
/// Finds the program <c>m1env run</c> starts as an activated env's shell would: a path as given,
/// otherwise the env's scripts folders first, then PATH (with PATHEXT's extensions on Windows).
/// </summary>
internal static class CommandLocator
{
    public static string Locate(string command, IReadOnlyList<string> scriptFolders, string? path)
    {
        if (command.Length == 0)
        {
            throw new M1EnvException(ErrorCodes.CommandNotFound, "The command to run is empty.");
        }

        if (command.Contains('/') || (OperatingSystem.IsWindows() && command.Contains('\\')))
        {
            return Candidates(Path.GetFullPath(command)).FirstOrDefault(IsProgram)
                ?? throw new M1EnvException(ErrorCodes.CommandNotFound, $"There is no program {Shorten(command)}.");
        }

        var folders = scriptFolders.Concat((path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.SelectMany(folder => Candidates(Path.Combine(folder, command))).FirstOrDefault(IsProgram)
            ?? throw new M1EnvException(ErrorCodes.CommandNotFound,
                $"The env has no command '{Shorten(command)}' in {string.Join(" or ", scriptFolders)}, and PATH has none either. Declare the package that provides it, or check the name.");
    }

    private static IEnumerable<string> Candidates(string file)
    {
        if (!OperatingSystem.IsWindows() || Path.HasExtension(file))
        {
            yield return file;
            yield break;
        }

        var extensions = (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries);
        foreach (var extension in extensions)
        {
            yield return file + extension.ToLowerInvariant();
        }
    }

    private static bool IsProgram(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
