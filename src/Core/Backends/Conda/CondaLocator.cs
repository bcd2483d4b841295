using System.Runtime.InteropServices;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Machine;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Chooses the conda executable: M1EnvCondaExe when set, otherwise the fastest flavor found
/// (micromamba, then mamba, then conda; the first found of a flavor wins), otherwise a Miniforge that
/// M1Env installs into its tools folder. Choosing reads files only; the chosen tool is run once for
/// its version, which the log shows with its path.
/// </summary>
public sealed class CondaLocator(CondaCandidateSources sources, ProcessRunner runner, IProvisionLog log)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Installs Miniforge and returns its conda executable; null when this M1Env cannot bootstrap.</summary>
    public Func<CondaSettings, CancellationToken, Task<string>>? Bootstrap { get; init; }

    /// <summary>The executable M1Env would run, chosen without starting anything; null when none is on this machine.</summary>
    public CondaCandidate? Choose(CondaSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.CondaExe))
        {
            return new CondaCandidate(settings.CondaExe, CondaCandidate.FlavorOf(settings.CondaExe), "M1EnvCondaExe");
        }

        var found = sources.Enumerate(settings.ToolsDirectory);
        return found.OrderBy(c => c.Flavor).FirstOrDefault();
    }

    /// <summary>Where a named env lives for the conda M1Env would use (or the Miniforge it would install); null when unknown.</summary>
    public string? NamedEnvsDirectory(CondaSettings settings) =>
        Choose(settings) is { } candidate
            ? CondaRoot.Of(candidate, sources) is { } root ? CondaRoot.EnvsDirectory(root) : null
            : settings.Bootstrap ? CondaRoot.EnvsDirectory(settings.BootstrapRoot) : null;

    public async Task<CondaTool> LocateAsync(CondaSettings settings, CancellationToken cancellationToken)
    {
        var candidate = Choose(settings);
        if (candidate is null)
        {
            if (!settings.Bootstrap || Bootstrap is null)
            {
                throw new M1EnvException(ErrorCodes.CondaNotFound, NotFoundMessage(settings));
            }

            log.Step("No conda, mamba or micromamba was found on this machine: installing Miniforge for M1Env.");
            var installed = await Bootstrap(settings, cancellationToken).ConfigureAwait(false);

            // Miniforge ships mamba beside conda: run what every later build finds there (mamba first), not conda once.
            candidate = Choose(settings) is { } found && PathIdentity.AreEqual(Path.GetDirectoryName(found.Executable)!, Path.GetDirectoryName(installed)!)
                ? found with { Source = "installed by M1Env" }
                : new CondaCandidate(installed, CondaCandidate.FlavorOf(installed), "installed by M1Env");
        }

        if (!File.Exists(candidate.Executable))
        {
            throw new M1EnvException(ErrorCodes.CondaNotFound,
                $"M1EnvCondaExe is '{InputQuote.Shorten(candidate.Executable)}', which does not exist. Point it at conda, mamba or micromamba, or remove it to let M1Env search.");
        }

        if (ArchitectureProblem(candidate.Executable, BinaryArchitecture.Read(candidate.Executable), HostPlatform.IsAppleSilicon) is { } problem)
        {
            throw new M1EnvException(ErrorCodes.WrongArchitecture, problem);
        }

        var result = await runner.RunAsync(candidate.Executable, ["--version"], streamToLog: false, cancellationToken, VersionTimeout).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new M1EnvException(ErrorCodes.CondaCommandFailed,
                $"{candidate.Executable} (from {candidate.Source}) does not run: '--version' failed. Repair or reinstall it, or set M1EnvCondaExe to another conda.",
                result.Transcript);
        }

        var version = CondaVersion.Parse(result.StandardOutput, candidate.Executable);
        var tool = new CondaTool(candidate.Executable, version?.Flavor ?? candidate.Flavor, version?.Version ?? "(unknown version)", CondaRoot.Of(candidate, sources));
        log.Step($"Using {tool}, from {candidate.Source}.");
        return tool;
    }

    /// <summary>On Apple Silicon an x86-64 conda is refused (the Rosetta rule), with what to install instead.</summary>
    public static string? ArchitectureProblem(string executable, IReadOnlyList<Architecture> architectures, bool hostIsAppleSilicon) =>
        RosettaRule.Problem(executable, architectures, hostIsAppleSilicon) is { } problem
            ? problem + ". Install the arm64 Miniforge (Miniforge3-MacOSX-arm64.sh, or 'brew install --cask miniforge' with an arm64 Homebrew in /opt/homebrew), then point M1EnvCondaExe at it or remove the x86-64 one from PATH."
            : null;

    private static string NotFoundMessage(CondaSettings settings) =>
        settings.Bootstrap
            ? "No conda, mamba or micromamba was found, and this M1Env cannot install Miniforge. Install Miniforge (https://github.com/conda-forge/miniforge) or set M1EnvCondaExe."
            : "No conda, mamba or micromamba was found (searched M1EnvCondaExe, MAMBA_EXE, CONDA_EXE, PATH, ~/miniforge3, ~/mambaforge, ~/micromamba, ~/.local/bin and M1EnvToolsDir), and M1EnvBootstrap is false. Install Miniforge (https://github.com/conda-forge/miniforge), set M1EnvCondaExe to a conda, mamba or micromamba, or remove M1EnvBootstrap=false to let M1Env install Miniforge.";
}
