using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Machine;

namespace M1Env.Core.Python.Managed;

/// <summary>
/// Chooses the CPython a venv is made from, in the order M1EnvPythonPreference gives: the machine's
/// interpreters (<see cref="PythonCandidateSources"/>), the managed builds installed in the tools
/// folder, and a managed build installed now (unless M1EnvPythonDownloads is never). The build log
/// says which one was taken and why.
/// </summary>
public sealed class PythonSelector(PythonLocator locator, PythonCandidateSources system, InterpreterProbe probe, ManagedPythons managed, ManagedPythonSettings settings, IProvisionLog log)
{
    /// <summary>Whether an env made from <paramref name="executable"/> may stay as it is: with only-managed, only a managed build's may.</summary>
    public bool Allows(string executable) =>
        settings.Preference != PythonPreference.OnlyManaged || ManagedPythonLayout.Contains(settings.ToolsDirectory, executable);

    /// <param name="preferred">The interpreter an existing env was made from: tried first among the places it belongs to.</param>
    /// <param name="mayInstall">False for a plan: a build that must be installed is named in the log, nothing is downloaded, and the result is null.</param>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.PythonNotFound"/>, or the managed install's own codes.</exception>
    public async Task<PythonInterpreter?> SelectAsync(PythonRequest request, CancellationToken cancellationToken, string? preferred = null, bool mayInstall = true)
    {
        var preferredIsManaged = preferred is not null && ManagedPythonLayout.Contains(settings.ToolsDirectory, preferred);
        PythonFound? onMachine = null;
        if (settings.Preference == PythonPreference.System)
        {
            onMachine = await FindOnMachineAsync(request, preferredIsManaged ? null : preferred, cancellationToken).ConfigureAwait(false);
            if (onMachine.Interpreter is { } local)
            {
                log.Step($"Using {local}: {onMachine.Why}.");
                return local;
            }
        }

        var installed = await FindInstalledAsync(request, preferredIsManaged ? preferred : null, cancellationToken).ConfigureAwait(false);
        if (installed.Interpreter is { } kept)
        {
            log.Step($"Using the managed {Describe(kept)}: {Reason(request, onMachine)}.");
            return kept;
        }

        if (settings.Preference == PythonPreference.Managed)
        {
            onMachine = await FindOnMachineAsync(request, preferred, cancellationToken).ConfigureAwait(false);
            if (onMachine.Interpreter is { } local)
            {
                log.Step($"Using {local}: {onMachine.Why}; no managed CPython {request} is installed, and one on the machine comes before a download.");
                return local;
            }
        }

        if (settings.ArchiveUrl is null && managed.PinnedBuild(request) is null)
        {
            throw new M1EnvException(ErrorCodes.PythonNotFound, PythonLocator.DescribeFailure(request, Merge(onMachine, installed), NoPinnedBuildAdvice(request)));
        }

        if (settings.Downloads == PythonDownloads.Never)
        {
            throw new M1EnvException(ErrorCodes.PythonNotFound, PythonLocator.DescribeFailure(request, Merge(onMachine, installed), NothingToDownloadAdvice(request)));
        }

        if (!mayInstall)
        {
            var build = settings.ArchiveUrl is null ? $"the managed CPython {managed.PinnedBuild(request)!.Version}" : "the managed CPython of M1EnvPythonArchive";
            log.Step($"{Capitalized(Reason(request, onMachine))}: the build will install {build} into {settings.InstallRoot} (a plan installs nothing).");
            return null;
        }

        var (python, installedNow) = await managed.EnsureAsync(request, settings, cancellationToken).ConfigureAwait(false);
        var result = await probe.ProbeAsync(python.Executable, cancellationToken).ConfigureAwait(false);
        var rejection = result.RejectionReason ?? PythonLocator.Judge(result, request, HostPlatform.IsAppleSilicon);
        if (rejection is not null)
        {
            throw new M1EnvException(ErrorCodes.ManagedPythonInstallFailed, $"The managed {python} cannot make a venv: {rejection}.");
        }

        log.Step($"{Capitalized(Reason(request, onMachine))}; {(installedNow ? "installed" : "another build installed it meanwhile:")} the managed {Describe(result.Interpreter!)}.");
        return result.Interpreter!;
    }

    private Task<PythonFound> FindOnMachineAsync(PythonRequest request, string? preferred, CancellationToken cancellationToken) =>
        locator.FindAsync(request, system.Enumerate(), cancellationToken, preferred);

    private Task<PythonFound> FindInstalledAsync(PythonRequest request, string? preferred, CancellationToken cancellationToken)
    {
        var builds = ManagedPythons.Usable(settings);
        var search = new PythonSearch(
            builds.Select(b => new PythonCandidate(b.Executable, b.Version, "managed")).ToArray(),
            [settings.InstallRoot]);
        return locator.FindAsync(request, search, cancellationToken, preferred);
    }

    private string Reason(PythonRequest request, PythonFound? onMachine) => settings.Preference switch
    {
        PythonPreference.OnlyManaged => "M1EnvPythonPreference is only-managed",
        PythonPreference.Managed => "M1EnvPythonPreference is managed",
        _ when onMachine is { Considered.Count: > 0 } => $"no CPython {request} that can make a venv on this machine ({onMachine.Considered.Count} found did not fit)",
        _ => $"no CPython {request} on this machine",
    };

    private string NothingToDownloadAdvice(PythonRequest request) =>
        $"M1EnvPythonDownloads is never, so M1Env installs no managed CPython into {settings.InstallRoot}. "
        + $"Install CPython {request} on this machine, or set M1EnvPythonDownloads to automatic"
        + (settings.Preference == PythonPreference.OnlyManaged ? " (M1EnvPythonPreference is only-managed: the machine's interpreters are not used)." : ".");

    private static string NoPinnedBuildAdvice(PythonRequest request)
    {
        var platform = ManagedPythons.CurrentPlatform;
        return $"M1Env pins no managed CPython {request} for {platform ?? "this machine"}"
            + (platform is null ? string.Empty : $" (it has {ManagedPythonCatalog.KnownMinorVersions(platform)})")
            + ". Install one (python.org, Homebrew 'brew install python@X.Y', 'pyenv install X.Y', or your distribution's python3-venv), "
            + "name a python-build-standalone archive with M1EnvPythonArchive and M1EnvPythonSha256, or change Python=\"...\" on the environment.";
    }

    private static PythonFound Merge(PythonFound? first, PythonFound second) =>
        first is null ? second : new PythonFound(null, string.Empty, [.. first.SearchedLocations, .. second.SearchedLocations], [.. first.Considered, .. second.Considered]);

    private static string Describe(PythonInterpreter interpreter) => $"CPython {interpreter.Version} ({interpreter.Machine}) at {interpreter.Executable}";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
