using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;

namespace M1Env.Core.Engine;

/// <summary>
/// Provisions a project's envs side by side: they share nothing but the package caches, which pip
/// and conda guard themselves (conda's behind M1Env's cache lock), and the answers of probes. Each
/// env's lines carry its name; an env that fails is one coded error, and the others still finish.
/// </summary>
public static class EnvSetProvisioner
{
    /// <summary>
    /// Twice the machine's cores: pip and conda wait on the disk and the network as much as they
    /// compute, so on 2 cores three envs at once finished sooner than two and then one (bench/).
    /// </summary>
    public static int DefaultParallelism => Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Every env, <see cref="DefaultParallelism"/> at once; each failure is in its outcome.</summary>
    public static async Task<IReadOnlyList<EnvOutcome>> ProvisionAsync(EnvProvisioner provisioner, IReadOnlyList<EnvSpec> specs, CancellationToken cancellationToken) =>
        await ProvisionAsync(provisioner, specs, DefaultParallelism, cancellationToken).ConfigureAwait(false);

    /// <remarks>
    /// Then the project's Jupyter kernels of envs that no longer ask for one are removed, and, when every env
    /// succeeded, the project's cache key is recorded in each env's build key.
    /// </remarks>
    public static async Task<IReadOnlyList<EnvOutcome>> ProvisionAsync(
        EnvProvisioner provisioner,
        IReadOnlyList<EnvSpec> specs,
        int maxParallel,
        CancellationToken cancellationToken)
    {
        var outcomes = await ProvisionEachAsync(provisioner, specs, maxParallel, cancellationToken).ConfigureAwait(false);
        provisioner.ForgetUndeclaredKernels(specs);
        provisioner.RecordProjectCacheKey(outcomes);
        return outcomes;
    }

    private static async Task<IReadOnlyList<EnvOutcome>> ProvisionEachAsync(
        EnvProvisioner provisioner,
        IReadOnlyList<EnvSpec> specs,
        int maxParallel,
        CancellationToken cancellationToken)
    {
        if (specs.Count == 1 || maxParallel <= 1)
        {
            var outcomes = new List<EnvOutcome>(specs.Count);
            foreach (var spec in specs)
            {
                outcomes.Add(await OneAsync(provisioner, spec, cancellationToken).ConfigureAwait(false));
            }

            return outcomes;
        }

        var gate = new object();
        using var slots = new SemaphoreSlim(maxParallel);
        var running = specs.Select(async spec =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Off the caller's thread: the provisioner's first steps (reading the disk) are synchronous.
                return await Task.Run(() => OneAsync(provisioner.NamingEnv(spec.Name, gate), spec, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        return await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task<EnvOutcome> OneAsync(EnvProvisioner provisioner, EnvSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return new EnvOutcome(spec, await provisioner.ProvisionAsync(spec, cancellationToken).ConfigureAwait(false), null);
        }
        catch (M1EnvException exception)
        {
            return new EnvOutcome(spec, null, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new EnvOutcome(spec, null, new M1EnvException(ErrorCodes.FileSystemError,
                $"M1Env could not read or write a file it needs for environment '{spec.Name}': {exception.Message} Check the permissions and free space of the env's prefix and of M1EnvToolsDir.", inner: exception));
        }
    }
}
