using M1Env.Core.Backends;
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
        Add(lines, "pip reinstall", plan.Reinstall.Select(p => $"{p.Name}=={p.Version}").ToArray());
        Add(lines, "pip uninstall", plan.Uninstall);
        return lines;
    }

    private static void Add(List<string> lines, string label, IReadOnlyList<string> items, string suffix = "")
    {
        if (items.Count > 0)
        {
            lines.Add($"  {label}: {string.Join(", ", items)}{suffix}");
        }
    }
}
