using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Installers;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;
using M1Env.Core.Spec;

namespace M1Env.Core.Engine.Publishing;

/// <summary>
/// Lays out an env in an app's publish folder so that it moves with the app: <c>PUBLISHDIR/python/NAME/</c>
/// is a copy of a managed CPython build of the env's minor version (a venv cannot move, so it is
/// never the env itself) with the env's locked packages installed into that Python's own site-packages,
/// linked from the kept installs where they are, else installed by pip from the lock with hashes.
/// The folder is built beside under another name and renamed into place; one already laid out from
/// the same build and lock is left as it is.
/// </summary>
public sealed class EnvPublisher
{
    private readonly ProcessRunner runner;
    private readonly IProvisionLog log;
    private readonly ManagedPythons pythons;
    private readonly ProbeMemo probes;
    private readonly FileLinker linker;
    private readonly PipInstaller installer;

    public EnvPublisher(ProcessRunner runner, IProvisionLog log, string toolsDirectory, ManagedPythons pythons, LinkMode linkMode = LinkMode.Auto)
    {
        this.runner = runner;
        this.log = log;
        this.pythons = pythons;
        probes = new ProbeMemo(Path.Combine(toolsDirectory, "probes"));
        // A publish folder is shipped and may be edited: it never shares a file with the tools folder (a hard link would): copies, or clones where asked for.
        linker = new FileLinker(linkMode == LinkMode.Clone ? LinkMode.Clone : LinkMode.Copy, log);
        installer = new PipInstaller(runner, log, new KeptInstalls(Path.Combine(toolsDirectory, "installs"), log, linker), new InstallsUnderWay());
    }

    /// <summary>The folder an env is published to.</summary>
    public static string FolderFor(string publishDirectory, string envName) => Path.Combine(publishDirectory, "python", envName);

    /// <param name="spec">The env as its project declares it (provisioned, so its lock is written).</param>
    /// <param name="runtimeIdentifier">The app's RuntimeIdentifier; empty or null for this machine.</param>
    /// <exception cref="M1EnvException">
    /// <see cref="ErrorCodes.PublishUnsupported"/> for a conda env or another platform; the managed
    /// Python's and pip's own codes; <see cref="ErrorCodes.PublishFailed"/> for anything else. The
    /// publish folder then holds what it held before.
    /// </exception>
    public async Task<PublishedEnv> PublishAsync(EnvSpec spec, string publishDirectory, string? runtimeIdentifier, ManagedPythonSettings settings, CancellationToken cancellationToken)
    {
        if (spec.Kind == EnvKind.Conda)
        {
            throw new M1EnvException(
                ErrorCodes.PublishUnsupported,
                $"M1EnvPublish does not lay out conda env '{spec.Name}': a conda env moves with conda-pack, not with a managed CPython. Leave M1EnvPublish off for its project, and pack the env with conda-pack.");
        }

        PublishPlatform.Check(spec.Name, runtimeIdentifier);
        var (managed, _) = await pythons.EnsureAsync(MinorOf(spec), settings, cancellationToken).ConfigureAwait(false);
        var locked = await LockedAsync(spec, managed, cancellationToken).ConfigureAwait(false);
        var folder = FolderFor(publishDirectory, spec.Name);
        var record = new PublishedRecord(managed.Version.ToString(), managed.Platform, managed.Home, locked?.LockHash ?? string.Empty);
        var python = Path.Combine(folder, Path.GetRelativePath(managed.Home, managed.Executable));
        if (PublishedRecord.Read(folder) == record && File.Exists(python))
        {
            log.Detail($"Env '{spec.Name}' is already laid out in {folder} from CPython {managed.Version} and its lock.");
            return new PublishedEnv(spec.Name, folder, python, Reused: true);
        }

        log.Step($"Laying out env '{spec.Name}' in {folder}: CPython {managed.Version} ({managed.Platform}){(locked is null ? string.Empty : $" and {Counted.Packages(locked.Selected.Count)}")}...");
        RemoveLeftovers(publishDirectory, spec.Name);
        var partial = Path.Combine(publishDirectory, "python", $".{spec.Name}.partial-{Guid.NewGuid().ToString("N")[..8]}");
        var done = false;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
            ManagedBuildCopy.Copy(managed.Home, partial, linker);
            if (locked is { Selected.Count: > 0 })
            {
                await InstallAsync(spec, locked, partial, Path.Combine(partial, Path.GetRelativePath(managed.Home, managed.Executable)), cancellationToken).ConfigureAwait(false);
            }

            record.Write(partial);
            Replace(partial, folder);
            done = true;
            return new PublishedEnv(spec.Name, folder, python, Reused: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.PublishFailed, $"M1EnvPublish could not lay out env '{spec.Name}' in {folder}: {exception.Message} The publish folder keeps what it had.", inner: exception);
        }
        finally
        {
            if (!done)
            {
                Leftovers.DeleteFolder(partial);
            }
        }
    }

    /// <summary>The env's minor version: declared, or else the one its venv was made with, so its locked wheels fit.</summary>
    private static PythonRequest MinorOf(EnvSpec spec)
    {
        if (spec.Python.Minor is { } minor)
        {
            return new PythonRequest(spec.Python.Major, minor, null);
        }

        return EnvReader.Read(spec.Prefix, verifyFiles: false).PythonVersion is { } made && Version.TryParse(made, out var version)
            ? new PythonRequest(version.Major, version.Minor, null)
            : spec.Python;
    }

    /// <summary>The lock as it is, for the managed build's platform and version; null for an env without pip packages.</summary>
    private async Task<LockedPackages?> LockedAsync(EnvSpec spec, ManagedPython managed, CancellationToken cancellationToken)
    {
        if (spec.DeclaredPipPackages.Count == 0)
        {
            return null;
        }

        var interpreter = await InterpreterAsync(managed.Executable, remember: true, cancellationToken).ConfigureAwait(false);
        return await new PipLockStage(runner, log, probes)
            .PrepareAsync(spec with { Lock = spec.Lock with { Mode = LockMode.Frozen } }, interpreter, knownTarget: null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Installs the locked packages into the copied Python's own site-packages and points its console scripts at it relatively.</summary>
    private async Task InstallAsync(EnvSpec spec, LockedPackages locked, string home, string python, CancellationToken cancellationToken)
    {
        // Not remembered: the folder is renamed once the install is done.
        var interpreter = await InterpreterAsync(python, remember: false, cancellationToken).ConfigureAwait(false);
        var published = spec with { Prefix = home };
        var target = new InstallTarget(published, interpreter, python, () => EnvReader.Read(home, verifyFiles: false, interpreter.Version, python));
        await installer.ApplyAsync(target, new PackageChanges([], [], locked.Pin(spec).PipPackages), locked, cancellationToken).ConfigureAwait(false);
        var scripts = RelocatableScripts.Rewrite(Path.Combine(home, "bin"), home);
        if (scripts > 0)
        {
            log.Detail($"Pointed {scripts} console script(s) of env '{spec.Name}' at the published python3 beside them.");
        }
    }

    private async Task<PythonInterpreter> InterpreterAsync(string python, bool remember, CancellationToken cancellationToken)
    {
        var probe = await new InterpreterProbe(runner, remember ? probes : null).ProbeAsync(python, cancellationToken).ConfigureAwait(false);
        return probe.Interpreter
            ?? throw new M1EnvException(ErrorCodes.PublishFailed, $"The managed CPython at {python} did not run: {probe.RejectionReason}.");
    }

    /// <summary>What a publish of this env that was killed left: its partial folder, or the previous layout it was replacing.</summary>
    private void RemoveLeftovers(string publishDirectory, string envName)
    {
        var python = Path.Combine(publishDirectory, "python");
        if (!Directory.Exists(python))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateDirectories(python, $".{envName}.partial-*").Concat(Directory.EnumerateDirectories(python, $".{envName}.old-*")))
        {
            log.Detail($"Removing {leftover}, left by a publish that did not finish.");
            Leftovers.DeleteFolder(leftover);
        }
    }

    /// <summary>Puts the finished folder in place of the one there, if any, so a reader sees the old folder or the new one.</summary>
    private static void Replace(string partial, string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.Move(partial, folder);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.old-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.Move(folder, old);
        try
        {
            Directory.Move(partial, folder);
        }
        catch
        {
            Directory.Move(old, folder);
            throw;
        }

        Leftovers.DeleteFolder(old);
    }
}
