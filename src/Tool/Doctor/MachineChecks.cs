using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Machine;

namespace M1Env.Tool.Doctor;

/// <summary>The course's module-1 checks of the machine: native arm64, Homebrew, the accelerator, conda and its architecture.</summary>
internal static class MachineChecks
{
    public static IEnumerable<DoctorCheck> Run(MachineReport machine, CondaSettings conda, bool condaNeeded)
    {
        yield return machine.TranslatedByRosetta == true
            ? new DoctorCheck("Native process", DoctorStatus.Fail, "this process runs under Rosetta (an x86-64 .NET on Apple Silicon)", "install the arm64 .NET SDK")
            : new DoctorCheck("Machine", DoctorStatus.Pass, $"{machine.Os} {machine.OsVersion}, {machine.OsArchitecture.ToString().ToLowerInvariant()}, {machine.Cpu}");

        if (OperatingSystem.IsMacOS())
        {
            yield return File.Exists("/opt/homebrew/bin/brew")
                ? new DoctorCheck("Homebrew", DoctorStatus.Pass, "arm64 Homebrew in /opt/homebrew")
                : File.Exists("/usr/local/bin/brew") && HostPlatform.IsAppleSilicon
                    ? new DoctorCheck("Homebrew", DoctorStatus.Warn, "only an x86-64 Homebrew in /usr/local (it installs Intel builds)", "install Homebrew again for arm64 (it goes to /opt/homebrew)")
                    : new DoctorCheck("Homebrew", DoctorStatus.Warn, "not installed", "install it from https://brew.sh (the course uses it for Miniforge)");
        }

        yield return machine.Accelerator switch
        {
            Accelerator.Metal => new DoctorCheck("Accelerator", DoctorStatus.Pass, "Metal: " + string.Join(", ", machine.Metal.Devices.Select(d => d.Name))),
            Accelerator.Cuda => new DoctorCheck("Accelerator", DoctorStatus.Pass, $"CUDA {machine.Cuda.DriverVersion}: " + string.Join(", ", machine.Cuda.Devices.Select(d => d.Name))),
            _ => new DoctorCheck("Accelerator", DoctorStatus.Warn, "none: " + (OperatingSystem.IsMacOS() ? machine.Metal.Problem : machine.Cuda.Problem), "frameworks will run on the CPU"),
        };

        var candidate = new CondaLocator(CondaCandidateSources.ForCurrentProcess(), new ProcessRunner(NullProvisionLog.Instance), NullProvisionLog.Instance).Choose(conda);
        if (candidate is null)
        {
            yield return !condaNeeded ? new DoctorCheck("conda", DoctorStatus.Pass, "not needed (no CondaEnv declared) and not found")
                : conda.Bootstrap ? new DoctorCheck("conda", DoctorStatus.Warn, "not found; the first build installs Miniforge into " + conda.BootstrapRoot)
                : new DoctorCheck("conda", DoctorStatus.Fail, "not found, and M1EnvBootstrap is false", "install Miniforge, or set M1EnvCondaExe");
        }
        else if (CondaLocator.ArchitectureProblem(candidate.Executable, BinaryArchitecture.Read(candidate.Executable), HostPlatform.IsAppleSilicon) is { } problem)
        {
            yield return new DoctorCheck("conda", DoctorStatus.Fail, problem);
        }
        else
        {
            yield return new DoctorCheck("conda", DoctorStatus.Pass, $"{candidate.Flavor.ToString().ToLowerInvariant()} at {candidate.Executable} ({candidate.Source})");
        }
    }
}
