namespace M1Env.Core.Cache;

/// <summary>
/// What an env of this build is making right now to keep, by key: kept installs (<see cref="KeptInstalls"/>)
/// that it installs with pip, and the kept venv of an interpreter. Another env that needs the same
/// waits for it and then links or copies it, instead of a process of its own: a project's envs that
/// share packages install each of them once. Shared by the envs provisioned together.
/// </summary>
public sealed class InstallsUnderWay
{
    private readonly Dictionary<string, TaskCompletionSource> underWay = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims, all at once, every key no other env is installing. The claimed keys are the caller's to
    /// install, keep and release (by disposing the claim, whatever happened); the others are another
    /// env's, and <see cref="InstallClaim.OthersDoneAsync"/> waits for them.
    /// </summary>
    public InstallClaim Claim(IEnumerable<string> keys)
    {
        var mine = new HashSet<string>(StringComparer.Ordinal);
        var theirs = new Dictionary<string, Task>(StringComparer.Ordinal);
        lock (underWay)
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                if (underWay.TryGetValue(key, out var other))
                {
                    theirs[key] = other.Task;
                }
                else
                {
                    underWay[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    mine.Add(key);
                }
            }
        }

        return new InstallClaim(this, mine, theirs);
    }

    internal void Release(IEnumerable<string> keys)
    {
        lock (underWay)
        {
            foreach (var key in keys)
            {
                if (underWay.Remove(key, out var done))
                {
                    done.TrySetResult();
                }
            }
        }
    }
}

/// <summary>Keys an env claimed to install (<see cref="Mine"/>) and keys another env is installing (<see cref="Theirs"/>).</summary>
public sealed class InstallClaim : IDisposable
{
    private readonly InstallsUnderWay owner;
    private readonly IReadOnlyDictionary<string, Task> others;
    private int released;

    internal InstallClaim(InstallsUnderWay owner, IReadOnlySet<string> mine, IReadOnlyDictionary<string, Task> others)
    {
        this.owner = owner;
        this.others = others;
        Mine = mine;
    }

    public IReadOnlySet<string> Mine { get; }

    public IEnumerable<string> Theirs => others.Keys;

    /// <summary>Waits until every other env installing one of <see cref="Theirs"/> is done with it, kept or not.</summary>
    public Task OthersDoneAsync(CancellationToken cancellationToken) => Task.WhenAll(others.Values).WaitAsync(cancellationToken);

    /// <summary>Releases <see cref="Mine"/>: the envs waiting for them go on.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            owner.Release(Mine);
        }
    }
}
