using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// A conda env, made and changed by conda, mamba or micromamba. Its truth is <c>conda-meta</c> (the
/// conda packages) and site-packages (what pip added); its interpreter is its own Python, known
/// from the record of its file without a process. conda itself is found and run only when the plan
/// has work for it.
/// </summary>
public sealed class CondaBackend(ProcessRunner runner, IProvisionLog log, CondaLocator locator, CondaSettings settings, string locksDirectory, TimeSpan lockTimeout)
    : IEnvBackend
{
    private CondaTool? tool;

    public PrefixFacts Inspect(string prefix) => PrefixFacts.Inspect(prefix, CondaMetaReader.IsCondaPrefix);

    public InstalledEnv Read(string prefix, bool verifyFiles)
    {
        var packages = CondaMetaReader.Read(prefix, verifyFiles);
        var python = packages.FirstOrDefault(p => p.Name == "python")?.Version;
        var env = EnvReader.Read(prefix, verifyFiles, python, windowsPython: WindowsPython(prefix));

        // Python packages conda installed are conda's, whatever their INSTALLER file says.
        // Two records of one name (a damaged prefix, see CondaMetaContents.Problems) must not stop the read.
        var byConda = packages.Select(p => (p.Name, p.Version)).ToHashSet();
        var distributions = env.Distributions
            .Select(d => d.Installer != "conda" && byConda.Contains((d.Name, d.Version)) ? d with { Installer = "conda" } : d)
            .ToArray();
        return env with { Distributions = distributions, CondaPackages = packages, CondaMetaProblems = packages.Problems };
    }

    public Task<EnvHandOff> HandOffAsync(EnvSpec spec, PythonInterpreter interpreter, CancellationToken cancellationToken) =>
        new HandOffProbe(runner).ReadAsync(PythonPath(spec.Prefix), cancellationToken);

    public string PythonPath(string prefix) => OperatingSystem.IsWindows() ? WindowsPython(prefix) : Path.Combine(prefix, "bin", "python");

    public async Task<PythonInterpreter?> ChooseInterpreterAsync(EnvSpec spec, InterpreterRecord? record, InstalledEnv disk, bool mayInstall, CancellationToken cancellationToken)
    {
        if (!disk.InterpreterResolves || disk.CondaPackages.All(p => p.Name != "python"))
        {
            return null;
        }

        var executable = PathIdentityOfPython(spec.Prefix);
        if (record is not null && PathIdentity.AreEqual(record.Interpreter.Executable, executable) && record.IsCurrent())
        {
            return record.Interpreter;
        }

        return await ProbeAsync(spec, executable, cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<LockAssessment> AssessLock(EnvSpec spec) =>
        spec.LockFile.Length == 0 ? []
        : HasPipLock(spec) ? [CondaLockStage.Assess(spec), PipLockStage.Assess(spec)]
        : [CondaLockStage.Assess(spec)];

    /// <summary>
    /// A conda env's lock is one explicit file per platform, resolved by conda's dry run (conda is found
    /// only then), and, when it has pip packages, a PEP 751 file for those, which the env's own Python
    /// resolves around the conda packages (so a new env's pip lock is pending until conda made it).
    /// Nothing is resolved by installing: the conda packages pip resolves around may change later in the same build.
    /// </summary>
    public async Task<EnvLock?> LockAsync(EnvSpec spec, PythonInterpreter? interpreter, TargetEnvironment? knownTarget, EnvInPlaceState inPlace, bool resolve, CancellationToken cancellationToken)
    {
        if (spec.LockFile.Length == 0 || (!resolve && !AssessLock(spec).All(l => l.InstallsAsIs(spec.Lock))))
        {
            return null;
        }

        var stage = new CondaLockStage(runner, log, ToolAsync, settings.ResolveCache);
        var files = await stage.PrepareAsync(spec, cancellationToken).ConfigureAwait(false);
        var conda = new EnvLock(files.Pin(spec, PyLock.ContentHash(File.ReadAllBytes(files.Current))), files.All, Pip: null);
        if (!HasPipLock(spec))
        {
            return conda;
        }

        // The env's Python resolves its pip packages: before the env exists, or while it holds another Python than declared, that waits until conda made it.
        var python = interpreter is not null && spec.Python.IsSatisfiedBy(interpreter.ParsedVersion) ? interpreter : null;
        var step = await new PipLockStage(runner, log).LockAsync(conda.Spec, python, python is null ? null : knownTarget, cancellationToken, files.PythonPackagesByPlatform()).ConfigureAwait(false);
        return step switch
        {
            { Locked: { } pip } => new EnvLock(pip.Pin(conda.Spec), [.. files.All, pip.LockFile], pip),
            { Pending: { } pending } => conda with { Files = [.. files.All, spec.PipLockFile], PendingPip = pending },
            _ => throw new InvalidOperationException("A pip lock stage that may resolve left its lock unresolved."),
        };
    }

    private static bool HasPipLock(EnvSpec spec) => spec.PipLockFile.Length > 0 && (spec.PipPackages.Count > 0 || File.Exists(spec.PipLockFile));

    public async Task PrepareAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken)
    {
        if (plan.CreatesEnv || plan.ChangesCondaPackages)
        {
            await ClientAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PythonInterpreter> CreateAsync(EnvSpec spec, PythonInterpreter? interpreter, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);

        // A conda tool makes the prefix itself: micromamba 1.5 refuses any folder that exists, even an empty one.
        if (Directory.Exists(spec.Prefix) && !Directory.EnumerateFileSystemEntries(spec.Prefix).Any())
        {
            Directory.Delete(spec.Prefix);
        }

        if (spec.CondaLockFile is { } lockFile)
        {
            log.Step($"Creating conda env '{spec.Name}' at {spec.Prefix} from its lock {Path.GetFileName(lockFile)} ({Counted.Packages(spec.CondaPackages.Count + 1)}, no solver)...");
            await client.CreateFromLockAsync(spec.Name, spec.Prefix, lockFile, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var specs = new[] { CondaArguments.PythonSpec(spec.Python) }.Concat(spec.CondaPackages.Select(p => p.ToMatchSpec())).ToArray();
            log.Step($"Creating conda env '{spec.Name}' at {spec.Prefix} with {string.Join(", ", specs)} from {DescribeChannels(spec)} (conda solves and downloads: this can take minutes)...");
            await client.CreateAsync(spec.Name, spec.Prefix, spec.Channels, specs, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(PythonPath(spec.Prefix)))
        {
            throw new M1EnvException(ErrorCodes.CondaCommandFailed,
                $"conda created the environment '{spec.Name}' at {spec.Prefix}, but it has no Python ({PythonPath(spec.Prefix)}). Check that the channels ({DescribeChannels(spec)}) provide python {spec.Python}.");
        }

        return await ProbeAsync(spec, PathIdentityOfPython(spec.Prefix), cancellationToken).ConfigureAwait(false);
    }

    public string Noun => "conda env";

    public NativePlan PlanNative(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk) => CondaPackagePlanner.Plan(spec, stamp, disk);

    /// <summary>A new conda env is made with Python and every conda package in one step; a kept one gets the plan's changes.</summary>
    public IEnumerable<string> DescribeNative(EnvSpec spec, EnvPlan plan)
    {
        var install = plan.CreatesEnv
            ? [CondaArguments.PythonSpec(spec.Python), .. spec.CondaPackages.Select(p => p.ToMatchSpec())]
            : plan.CondaInstall.Select(p => p.ToMatchSpec()).ToArray();
        return new[]
        {
            Line("conda install", install, $" (channels: {UrlRedactor.Redact(string.Join(", ", spec.Channels))})"),
            Line("conda reinstall", plan.CondaRepair.Select(p => $"{p.Name}=={p.Version}").ToArray()),
            Line("conda remove", plan.CondaRemove),
        }.OfType<string>();
    }

    private static string? Line(string label, IReadOnlyList<string> items, string suffix = "") =>
        items.Count > 0 ? $"  {label}: {string.Join(", ", items)}{suffix}" : null;

    public async Task ApplyNativeAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.ChangesCondaPackages)
        {
            return;
        }

        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (plan.CondaRemove.Count > 0)
        {
            log.Step($"Removing {Counted.Packages(plan.CondaRemove.Count)} from conda env '{spec.Name}': {string.Join(", ", plan.CondaRemove)}...");
            await client.RemoveAsync(spec.Name, spec.Prefix, plan.CondaRemove, cancellationToken, force: spec.CondaLockFile is not null).ConfigureAwait(false);
        }

        if (plan.CondaRepair.Count > 0)
        {
            // "name version build": exactly the package that is there, files and all.
            var repairs = plan.CondaRepair.Select(p => $"{p.Name} {p.Version.Replace('=', ' ')}").ToArray();
            log.Step($"Reinstalling {Counted.Packages(repairs.Length)} in conda env '{spec.Name}': {string.Join(", ", repairs)}...");
            await client.InstallAsync(spec.Name, spec.Prefix, spec.Channels, repairs, forceReinstall: true, cancellationToken).ConfigureAwait(false);
        }

        if (plan.CondaInstall.Count > 0 && spec.CondaLockFile is { } lockFile)
        {
            log.Step($"Installing {Counted.Packages(plan.CondaInstall.Count)} into conda env '{spec.Name}' from its lock {Path.GetFileName(lockFile)}: {string.Join(", ", plan.CondaInstall.Select(p => $"{p.Name} {p.Version.TrimStart('=')}"))}...");
            var locked = CondaLockReader.ReadFile(lockFile);
            await client.InstallFromLockAsync(spec.Name, spec.Prefix, lockFile, locked, plan.CondaInstall.Select(p => p.Name).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            CondaStaleRecords.Remove(spec.Prefix, locked.Packages.Select(p => p.DistName).ToHashSet(StringComparer.Ordinal), log);
        }
        else if (plan.CondaInstall.Count > 0)
        {
            // The Python pin goes along, so conda never moves the env to another Python to satisfy a package.
            var specs = new[] { CondaArguments.PythonSpec(spec.Python) }.Concat(plan.CondaInstall.Select(p => p.ToMatchSpec())).ToArray();
            log.Step($"Installing {Counted.Packages(plan.CondaInstall.Count)} into conda env '{spec.Name}': {string.Join(", ", plan.CondaInstall)}...");
            await client.InstallAsync(spec.Name, spec.Prefix, spec.Channels, specs, forceReinstall: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PythonInterpreter> ProbeAsync(EnvSpec spec, string executable, CancellationToken cancellationToken)
    {
        var probe = await new InterpreterProbe(runner).ProbeAsync(executable, cancellationToken).ConfigureAwait(false);
        return probe.Interpreter
            ?? throw new M1EnvException(ErrorCodes.CondaCommandFailed,
                $"The Python of conda env '{spec.Name}' ({executable}) {probe.RejectionReason}. M1Env will make the env again on the next build if it stays broken; to force it now, delete {spec.Prefix}.");
    }

    private async Task<CondaClient> ClientAsync(CancellationToken cancellationToken) =>
        new(runner, log, await ToolAsync(cancellationToken).ConfigureAwait(false), settings.PackageCache, locksDirectory, lockTimeout);

    private async Task<CondaTool> ToolAsync(CancellationToken cancellationToken) =>
        tool ??= await locator.LocateAsync(settings, cancellationToken).ConfigureAwait(false);

    /// <summary>The env's Python with links resolved: the file whose fingerprint is recorded.</summary>
    private string PathIdentityOfPython(string prefix) => PathIdentity.RealPath(PythonPath(prefix));

    private static string WindowsPython(string prefix) => Path.Combine(prefix, "python.exe");

    private static string DescribeChannels(EnvSpec spec) => UrlRedactor.Redact(string.Join(", ", spec.Channels));
}
