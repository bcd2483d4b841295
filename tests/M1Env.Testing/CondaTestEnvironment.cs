namespace M1Env.Testing;

/// <summary>Where tests find a real conda: the executable named by <see cref="VariableName"/>. Starts no process.</summary>
public static class CondaTestEnvironment
{
    /// <summary>The environment variable that names the conda executable to test against.</summary>
    public const string VariableName = "M1ENV_TEST_CONDA";

    /// <summary>
    /// The trait of the few real-conda tests that cover each tool's whole path (create, pin change,
    /// install from a lock, a missing package): CI runs them with a second tool (<c>--filter Category=CondaSmoke</c>).
    /// </summary>
    public const string SmokeCategory = "CondaSmoke";

    /// <summary>The value of <see cref="VariableName"/>, or null when it is unset or blank.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable(VariableName) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The executable, checked to exist.</summary>
    /// <exception cref="InvalidOperationException">The variable is unset, or names no file.</exception>
    public static string RequireExecutable()
    {
        var executable = Executable
            ?? throw new InvalidOperationException($"{VariableName} is not set: it must name a conda executable.");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"{VariableName} is '{executable}', which is no file.");
    }

    /// <summary>The tool's name as M1Env's log writes it: micromamba, mamba or conda, from the file name.</summary>
    public static string ToolName
    {
        get
        {
            var name = Path.GetFileNameWithoutExtension(RequireExecutable()).ToLowerInvariant();
            return name.StartsWith("micromamba", StringComparison.Ordinal) ? "micromamba"
                : name.StartsWith("mamba", StringComparison.Ordinal) ? "mamba"
                : "conda";
        }
    }

    /// <summary>
    /// The variables that give a test a conda state of its own under <paramref name="folder"/>: a
    /// package cache (<c>CONDA_PKGS_DIRS</c>) and, for micromamba and mamba 2.x, a root prefix
    /// (<c>MAMBA_ROOT_PREFIX</c>), as a user's own Miniforge is writable and theirs alone.
    /// </summary>
    public static IReadOnlyDictionary<string, string> IsolatedState(string folder) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CONDA_PKGS_DIRS"] = Directory.CreateDirectory(Path.Combine(folder, "pkgs")).FullName,
            ["MAMBA_ROOT_PREFIX"] = Directory.CreateDirectory(Path.Combine(folder, "root")).FullName,
        };
}
