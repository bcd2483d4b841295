using M1Env.Core.Backends;
using M1Env.Core.Locking;
using M1Env.Core.Spec;

namespace M1Env.Core.Engine.Planning;

/// <summary>A plan in words, for <c>dotnet build -t:M1EnvPlan</c> and <c>m1env plan</c>: what would change and why.</summary>
public static class PlanReport
{
    public static IReadOnlyList<string> Describe(EnvSpec spec, EnvPlan plan, IEnvBackend backend)
    {
        var head = $"M1Env plan for '{spec.Name}' ({backend.Noun} at {spec.Prefix}): ";
        var lines = new List<string>();
        var lockNote = plan.LockNotes.Select(note => "  lock: " + note).ToArray();
        switch (plan.Action)
        {
            case PlanAction.UpToDate:
                return [head + "nothing to do; it matches its declaration.", .. lockNote];
            case PlanAction.RefreshStamp:
                return [head + $"nothing to install; it {plan.Reasons[^1]}, so the next build only records it.", .. lockNote];
            case PlanAction.Create:
                lines.Add(head + "create it.");
                break;
            case PlanAction.Recreate:
                lines.Add(head + "make it again (the current one is kept until the new one works).");
                break;
            default:
                lines.Add(head + "change its packages.");
                break;
        }

        lines.AddRange(plan.Reasons.Select(reason => "  because " + reason));
        lines.AddRange(lockNote);
        lines.AddRange(backend.DescribeNative(spec, plan));
        Add(lines, "pip install", plan.Install.Select(p => p.ToRequirementString()).ToArray());
        lines.AddRange(DescribePipLock(plan.PipLock, spec));
        Add(lines, "pip reinstall", plan.Reinstall.Select(p => $"{p.Name}=={p.Version}").ToArray());
        Add(lines, "pip uninstall", plan.Uninstall);
        return lines;
    }

    /// <summary>The plan's pip part when the lock is pending: how this machine's resolution is made, and that the lock is written from it.</summary>
    private static IEnumerable<string> DescribePipLock(PipLockStrategy strategy, EnvSpec spec) => strategy switch
    {
        PipLockStrategy.InstallWithReport =>
            [$"  pip lock: one pip install --report installs the packages and resolves {Path.GetFileName(spec.PipLockFile)} for this machine; the build writes the lock from it and removes what the new lock no longer holds"],
        PipLockStrategy.OnceCreated =>
            [$"  pip lock: the environment's own Python locks its pip packages in {Path.GetFileName(spec.PipLockFile)} once it is made; they are installed from that lock"],
        _ => [],
    };

    private static void Add(List<string> lines, string label, IReadOnlyList<string> items, string suffix = "")
    {
        if (items.Count > 0)
        {
            lines.Add($"  {label}: {string.Join(", ", items)}{suffix}");
        }
    }
}
