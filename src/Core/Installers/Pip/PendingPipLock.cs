using M1Env.Core.Locking;
using M1Env.Core.Packaging;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// A pip lock whose resolution for this machine comes from the build's changes (<see cref="Strategy"/>):
/// the lock stage leaves it so, the plan says so, and the build finishes it when it applies the plan.
/// Nothing is installed or written until then.
/// </summary>
public sealed class PendingPipLock : IPendingLock
{
    private readonly PipLockStage stage;

    internal PendingPipLock(
        PipLockStage stage,
        EnvSpec spec,
        PipLockStage.LockRead read,
        TargetEnvironment? knownTarget,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? provided,
        PipLockStrategy strategy)
    {
        this.stage = stage;
        Spec = spec;
        Read = read;
        KnownTarget = knownTarget;
        Provided = provided;
        Strategy = strategy;
    }

    /// <summary>How this machine's resolution is made.</summary>
    public PipLockStrategy Strategy { get; }

    internal EnvSpec Spec { get; }

    /// <summary>The other lock platforms' resolutions, made by the lock phase (dry runs fail before anything changes).</summary>
    internal IReadOnlyDictionary<LockPlatform, PipResolution> OtherPlatforms { get; init; } = new Dictionary<LockPlatform, PipResolution>();

    internal PipLockStage.LockRead Read { get; }

    internal TargetEnvironment? KnownTarget { get; }

    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Provided { get; }

    /// <summary>
    /// Resolves this machine's platform (by the install where <see cref="Strategy"/> says so) and any
    /// other the lock phase left, and writes the lock.
    /// </summary>
    /// <param name="target">The env, which exists by now; pip runs from its interpreter's wheel (a venv's base CPython, a conda env's own Python).</param>
    public Task<ResolvedLock> FinishAsync(InstallTarget target, CancellationToken cancellationToken) =>
        stage.FinishAsync(this, target, cancellationToken);
}
