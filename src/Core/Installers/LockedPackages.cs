using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers;

/// <summary>
/// An env's PyPI packages as its PEP 751 lock pins them for this machine: exactly these artifacts,
/// installed with their hashes by whichever installer the env uses.
/// </summary>
/// <param name="LockHash">The sha256 of the lock file's bytes, recorded so an edited or checked-out lock is applied again.</param>
/// <param name="Selected">This machine's artifact of every package the lock holds for it.</param>
/// <param name="Target">Which wheels the interpreter takes and its marker values: what <paramref name="Selected"/> was picked for, recorded so the next build need not ask.</param>
public sealed record LockedPackages(string LockFile, string LockHash, IReadOnlyList<SelectedArtifact> Selected, TargetEnvironment Target)
{
    /// <summary>The spec with exactly the locked packages as its pip packages, each at its locked version, and the lock's hash beside any it has.</summary>
    public EnvSpec Pin(EnvSpec spec) => spec with
    {
        PipPackages = Selected.Select(s => new PipRequirement(s.Name, [], s.Version is null ? string.Empty : "==" + s.Version)).ToArray(),
        LockHash = spec.LockHash.Length == 0 ? LockHash : $"{spec.LockHash} {LockHash}",
    };
}
