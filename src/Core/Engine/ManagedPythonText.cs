using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Python.Managed;

namespace M1Env.Core.Engine;

/// <summary>The managed-Python properties as a project writes them, read into <see cref="ManagedPythonSettings"/> before anything runs.</summary>
public sealed record ManagedPythonText(string? Preference, string? Downloads, string? Mirror, string? Archive, string? Sha256)
{
    public static ManagedPythonText Default { get; } = new(null, null, null, null, null);

    /// <param name="error">A value that cannot be used, as a declaration error (<see cref="ErrorCodes.InvalidSetting"/>); the defaults are returned then.</param>
    public ManagedPythonSettings Read(string toolsDirectory, TimeSpan lockTimeout, out SpecError? error)
    {
        error = null;
        try
        {
            var settings = ManagedPythonSettings.FromText(toolsDirectory, Preference, Downloads, Mirror, Archive, Sha256, lockTimeout);
            settings.Validate();
            return settings;
        }
        catch (M1EnvException exception)
        {
            error = new SpecError(exception.Code, exception.Message);
            return new ManagedPythonSettings(toolsDirectory) { LockTimeout = lockTimeout };
        }
    }
}
