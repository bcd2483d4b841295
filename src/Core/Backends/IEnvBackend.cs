using M1Env.Core.Inspection;
using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Backends;

/// <summary>
/// One kind of env (a venv, a conda env) behind the shape the provisioner and the planner share:
/// read the prefix from its files, tell what the env is made from, make it, and plan, describe and
/// apply the changes its own package manager owns (its native layer). The PyPI layer is the
/// installer's (<c>Installers/</c>), the same for every kind. A new kind implements this in its own
/// folder under <c>Backends/</c> and is registered in <c>EnvProvisioner.BackendFor</c>.
/// </summary>
public interface IEnvBackend
{
    /// <summary>What the prefix is, from a few entries, without a process.</summary>
    PrefixFacts Inspect(string prefix);

    /// <summary>What the prefix holds, from its files, without a process.</summary>
    InstalledEnv Read(string prefix, bool verifyFiles);

    /// <summary>The env's own interpreter.</summary>
    string PythonPath(string prefix);

    /// <summary>
    /// The interpreter the env is (or will be) made from, without a process when the record of its
    /// file still holds: a venv's base CPython; a conda env's own Python. Null when the env must be
    /// made before it can be known (a conda env that does not exist yet), or, in a plan, when the
    /// interpreter is a managed CPython the build would install first.
    /// </summary>
    /// <param name="mayInstall">A build, not a plan: a managed CPython may be installed to make the env from.</param>
    Task<PythonInterpreter?> ChooseInterpreterAsync(EnvSpec spec, InterpreterRecord? record, InstalledEnv disk, bool mayInstall, CancellationToken cancellationToken);

    /// <summary>The env's locks against its declaration, from files alone; none when the env has no lock to apply.</summary>
    IReadOnlyList<LockAssessment> AssessLock(EnvSpec spec);

    /// <summary>
    /// The lock phase: reads the env's lock, decides (install it, resolve again, or fail in locked
    /// mode), resolves what changed with dry runs and writes the lock, and returns the spec the lock
    /// makes. A pip lock whose resolution for this machine the build's install (or the env's own
    /// Python, once made) makes is returned pending (<see cref="EnvLock.PendingPip"/>). Never installs.
    /// Null when the env has no lock to apply. Starts a process only to resolve.
    /// </summary>
    /// <param name="interpreter">From <see cref="ChooseInterpreterAsync"/>; null before a conda env exists.</param>
    /// <param name="knownTarget">Which wheels the interpreter takes, from its record; null when it must be asked.</param>
    /// <param name="inPlace">Whether the build keeps the env or makes it (again).</param>
    /// <param name="resolve">False for a plan: nothing is resolved or written, and a lock that would be resolved by a dry run is not applied (null).</param>
    Task<EnvLock?> LockAsync(EnvSpec spec, PythonInterpreter? interpreter, TargetEnvironment? knownTarget, EnvInPlaceState inPlace, bool resolve, CancellationToken cancellationToken);

    /// <summary>Finds what the plan's work needs (conda itself, or the Miniforge to install) before anything in the prefix is written.</summary>
    Task PrepareAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken);

    /// <summary>Makes the env in an empty prefix, with everything but its pip packages; returns its interpreter.</summary>
    Task<PythonInterpreter> CreateAsync(EnvSpec spec, PythonInterpreter? interpreter, CancellationToken cancellationToken);

    /// <summary>
    /// What an app embedding the env's interpreter needs (<see cref="EnvHandOff"/>), asked when the
    /// env is made from an interpreter file without a record: a venv's from its base interpreter's
    /// probe (shared by the envs of one interpreter) and its own site-packages; a conda env's from its python.
    /// </summary>
    Task<EnvHandOff> HandOffAsync(EnvSpec spec, PythonInterpreter interpreter, CancellationToken cancellationToken);

    /// <summary>What the plan calls an env of this kind (<c>venv</c>, <c>conda env</c>).</summary>
    string Noun { get; }

    /// <summary>
    /// What the env's own package manager must change (a conda env's conda packages), from the
    /// declaration, the stamp and the disk alone; <see cref="NativePlan.None"/> for a kind without such a layer.
    /// </summary>
    NativePlan PlanNative(EnvSpec spec, EnvStamp? stamp, InstalledEnv disk);

    /// <summary>The plan's native steps in words, one line each (<c>  conda install: ...</c>), for <c>M1EnvPlan</c>.</summary>
    IEnumerable<string> DescribeNative(EnvSpec spec, EnvPlan plan);

    /// <summary>Carries out the plan's native changes (install, repair, remove) with the env's own package manager.</summary>
    Task ApplyNativeAsync(EnvSpec spec, EnvPlan plan, CancellationToken cancellationToken);
}
