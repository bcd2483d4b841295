using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;

namespace M1Env.Core.Engine.Publishing;

/// <summary>The platform a publish is for: this machine's, or a refusal that says what another one would need.</summary>
public static class PublishPlatform
{
    /// <summary>Checks <paramref name="runtimeIdentifier"/> (the app's <c>RuntimeIdentifier</c>, empty for none) against this machine.</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.PublishUnsupported"/> for any other platform.</exception>
    public static void Check(string envName, string? runtimeIdentifier)
    {
        if (string.IsNullOrWhiteSpace(runtimeIdentifier))
        {
            return;
        }

        var rid = runtimeIdentifier.Trim();
        var here = LockPlatform.Current;
        if (here is not null && string.Equals(rid, here.Name, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var known = LockPlatform.All.FirstOrDefault(p => string.Equals(p.Name, rid, StringComparison.OrdinalIgnoreCase));
        var needs = known is null
            ? $"'{rid}' is no platform M1Env can lock for ({LockPlatform.KnownNames})"
            : $"it would need the lock's entries for {known.Name} (M1EnvLockPlatforms) and a managed CPython build for {known.Name} installed into the publish folder, and packages for {known.Name} cannot be installed from {here?.Name ?? "this machine"}";
        throw new M1EnvException(
            ErrorCodes.PublishUnsupported,
            $"M1EnvPublish cannot lay out env '{envName}' for RuntimeIdentifier '{rid}' on this machine ({here?.Name ?? "a platform M1Env does not lock for"}): {needs}. Publish on a {known?.Name ?? rid} machine, or without -r (or with -r {here?.Name ?? "this machine's RID"}).");
    }
}
