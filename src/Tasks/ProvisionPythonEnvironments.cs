using M1Env.Core.Cache;
using M1Env.Core.Engine;
using Microsoft.Build.Framework;

namespace M1Env.Tasks;

/// <summary>
/// Makes every declared environment match its declaration. The targets call it only when their
/// own cheap check (a hash of the declaration against the key in each prefix) says something may
/// have changed; the task then re-checks each env itself.
/// </summary>
public sealed class ProvisionPythonEnvironments : EnvironmentsTask
{
    public string? BuildKey { get; set; }

    [Output]
    public ITaskItem[] Provisioned { get; private set; } = [];

    /// <summary>The project's cache key (M1EnvCacheKey), from its envs' keys once every env is provisioned.</summary>
    [Output]
    public string CacheKey { get; private set; } = string.Empty;

    public override bool Execute()
    {
        if (Prepare(BuildKey) is not { } prepared)
        {
            return false;
        }

        var provisioned = new List<ITaskItem>();
        var succeeded = Run(
            () =>
            {
                // Independent envs are made side by side; each failure is its own coded error, and the others finish.
                var outcomes = EnvSetProvisioner.ProvisionAsync(prepared.Provisioner, prepared.Specs, Cancellation.Token).GetAwaiter().GetResult();
                if (outcomes.All(o => o.Result is not null))
                {
                    CacheKey = CacheKeys.FromEnvKeys(outcomes.Select(o => o.Result!.Env.CacheKey));
                }

                foreach (var outcome in outcomes)
                {
                    if (outcome.Error is { } error)
                    {
                        LogFailure(error);
                    }
                    else
                    {
                        provisioned.Add(ProvisionedItem.From(outcome.Result!.Env));
                    }
                }
            },
            "The build was cancelled; the next build finishes the environment.");
        if (succeeded)
        {
            Provisioned = provisioned.ToArray();
        }

        return succeeded;
    }
}
