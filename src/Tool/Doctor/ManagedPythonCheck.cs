using M1Env.Core.Engine;
using M1Env.Core.Python.Managed;

namespace M1Env.Tool.Doctor;

/// <summary>The managed CPython builds in the tools folder, and whether a PythonEnv may get one: read from the folder, no process.</summary>
internal static class ManagedPythonCheck
{
    public static DoctorCheck Run(ProjectSettings settings)
    {
        var managed = settings.ManagedPythons.Read(settings.ToolsDirectory, settings.LockTimeout, out var error);
        if (error is not null)
        {
            return new DoctorCheck("Managed CPython", DoctorStatus.Fail, $"{error.Code}: {error.Message}", "fix the property in the project file");
        }

        var installed = ManagedPythons.FindInstalled(settings.ToolsDirectory);
        var builds = installed.Count == 0 ? "none installed" : string.Join(", ", installed.Select(p => $"{p.Version} ({p.Platform})")) + " in " + managed.InstallRoot;
        var policy = managed.Downloads == PythonDownloads.Never
            ? "M1EnvPythonDownloads is never: none is downloaded"
            : managed.Preference switch
            {
                PythonPreference.OnlyManaged => "every PythonEnv uses one (M1EnvPythonPreference is only-managed)",
                PythonPreference.Managed => "installed ones come before the machine's (M1EnvPythonPreference is managed)",
                _ => "one is installed when the machine has no CPython of an env's version",
            };
        return new DoctorCheck("Managed CPython", DoctorStatus.Pass, $"{builds}; {policy}");
    }
}
