using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Lists the conda executables on this machine in the order they are found: MAMBA_EXE and
/// CONDA_EXE (set by an activated shell), then micromamba, mamba and conda on PATH, then the usual
/// installs (Miniforge, Mambaforge, micromamba, Homebrew's Miniforge cask, the tools folder). Listing
/// only looks at files; it never starts a process.
/// </summary>
public sealed class CondaCandidateSources(IReadOnlyDictionary<string, string?> environment, string homeDirectory)
{
    private static readonly string[] Names = ["micromamba", "mamba", "conda"];

    public static CondaCandidateSources ForCurrentProcess() =>
        new(Environment.GetEnvironmentVariables()
                .Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Every conda executable found, in discovery order, each once.</summary>
    public IReadOnlyList<CondaCandidate> Enumerate(string toolsDirectory)
    {
        var found = new List<CondaCandidate>();
        var seen = new HashSet<string>(PathIdentity.Comparer);
        void Add(string? path, string source)
        {
            if (!string.IsNullOrWhiteSpace(path) && IsExecutableFile(path) && seen.Add(PathIdentity.RealPath(path)))
            {
                found.Add(new CondaCandidate(path, CondaCandidate.FlavorOf(path), source));
            }
        }

        Add(Variable("MAMBA_EXE"), "MAMBA_EXE");
        Add(Variable("CONDA_EXE"), "CONDA_EXE");
        foreach (var directory in (Variable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in Names)
            {
                foreach (var file in ExecutableNames(name))
                {
                    Add(Path.Combine(directory, file), "PATH");
                }
            }
        }

        foreach (var (root, source) in InstallRoots())
        {
            foreach (var executable in ExecutablesIn(root))
            {
                Add(executable, source);
            }
        }

        // M1Env's own Miniforge counts only once its install finished (a killed one is reinstalled).
        if (MiniforgeBootstrapper.FindInstalled(toolsDirectory) is { } bootstrapped)
        {
            foreach (var executable in ExecutablesIn(Path.Combine(toolsDirectory, "miniforge3")).Append(bootstrapped))
            {
                Add(executable, "M1EnvToolsDir");
            }
        }

        return found;
    }

    /// <summary>The usual install folders.</summary>
    private IEnumerable<(string Root, string Source)> InstallRoots()
    {
        foreach (var name in new[] { "miniforge3", "mambaforge", "micromamba", "miniconda3", "anaconda3" })
        {
            yield return (Path.Combine(homeDirectory, name), "~/" + name);
        }

        yield return (Path.Combine(homeDirectory, ".local"), "~/.local/bin");
        if (OperatingSystem.IsMacOS())
        {
            yield return ("/opt/homebrew/Caskroom/miniforge/base", "Homebrew's miniforge");
            yield return ("/usr/local/Caskroom/miniforge/base", "Homebrew's miniforge");
        }

        if (!OperatingSystem.IsWindows())
        {
            yield return ("/opt/miniforge3", "/opt/miniforge3");
            yield return ("/opt/conda", "/opt/conda");
        }
    }

    private static IEnumerable<string> ExecutablesIn(string root)
    {
        foreach (var name in Names)
        {
            foreach (var file in ExecutableNames(name))
            {
                yield return OperatingSystem.IsWindows() ? Path.Combine(root, "Scripts", file) : Path.Combine(root, "bin", file);
                if (OperatingSystem.IsWindows())
                {
                    yield return Path.Combine(root, "Library", "bin", file);
                    yield return Path.Combine(root, "condabin", file);
                }
            }
        }
    }

    private static IEnumerable<string> ExecutableNames(string name) =>
        OperatingSystem.IsWindows() ? [name + ".exe", name + ".bat"] : [name];

    private static bool IsExecutableFile(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return false;
            }

            return OperatingSystem.IsWindows() || (file.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string? Variable(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>MAMBA_ROOT_PREFIX, when set: where micromamba keeps its envs and package cache.</summary>
    public string? MambaRootPrefix => Variable("MAMBA_ROOT_PREFIX");

    public string HomeDirectory => homeDirectory;
}
