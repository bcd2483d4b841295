using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Moves a pip lock still under the name M1Env used before (<c>pylock.ml.m1.toml</c>) to its PEP 751
/// name (<c>pylock.ml-m1.toml</c>), once, as a build begins; a plan reads it where it is and moves nothing.
/// </summary>
public static class PipLockRename
{
    /// <summary>The spec with its lock under PEP 751's name, renamed there first when it is not yet.</summary>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.FileSystemError"/>: the file could not be renamed; nothing changed.</exception>
    public static EnvSpec ToStandardName(EnvSpec spec, IProvisionLog log)
    {
        if (spec.PipLockStandardFile is not { } standard)
        {
            return spec;
        }

        var former = spec.PipLockFile;
        try
        {
            // One rename in one folder: the lock is whole under one name or the other, never half of it.
            File.Move(former, standard, overwrite: false);
            log.Step($"Renamed the lock {Path.GetFileName(former)} to {Path.GetFileName(standard)}: PEP 751 allows no dot in a lock's name. Commit the rename.");
        }
        catch (IOException) when (File.Exists(standard))
        {
            // Another build renamed it first, or a lock under the new name appeared meanwhile: that one is read.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.FileSystemError,
                $"M1Env could not rename the lock {former} of environment '{spec.Name}' to {Path.GetFileName(standard)}, the name PEP 751 allows: {exception.Message} Rename it yourself and build again.",
                inner: exception);
        }

        return spec with
        {
            LockFile = PathIdentity.AreEqual(spec.LockFile, former) ? standard : spec.LockFile,
            PipLockFile = standard,
            PipLockStandardFile = null,
        };
    }
}
