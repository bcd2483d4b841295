namespace M1Env.Testing;

/// <summary>Where tests find a real conda: the executable named by <see cref="VariableName"/>. Starts no process.</summary>
public static class CondaTestEnvironment
{
    /// <summary>The environment variable that names the conda executable to test against.</summary>
    public const string VariableName = "M1ENV_TEST_CONDA";

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
}
