namespace M1Env.Core.Engine.Jupyter;

/// <summary>
/// Jupyter's per-user data folder, whose <c>kernels/</c> Jupyter, JupyterLab and VS Code list, as
/// jupyter_core's <c>jupyter_data_dir()</c> finds it: <c>JUPYTER_DATA_DIR</c>, else
/// <c>~/Library/Jupyter</c> on macOS, <c>%APPDATA%\jupyter</c> on Windows,
/// <c>$XDG_DATA_HOME/jupyter</c> (default <c>~/.local/share/jupyter</c>) elsewhere.
/// </summary>
public static class JupyterDataDirectory
{
    public static string ForCurrentProcess() =>
        Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <param name="variable">Reads an environment variable.</param>
    public static string Resolve(Func<string, string?> variable, string home)
    {
        if (Set(variable("JUPYTER_DATA_DIR")) is { } configured)
        {
            return configured;
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Set(variable("APPDATA")) ?? Path.Combine(home, "AppData", "Roaming"), "jupyter");
        }

        return Path.Combine(Set(variable("XDG_DATA_HOME")) ?? Path.Combine(home, ".local", "share"), "jupyter");
    }

    private static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
