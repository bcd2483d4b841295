namespace M1Env.Core.Verify;

/// <summary>The in-env check as the course's checklist: one line per framework, with a tick, a cross or a note.</summary>
public static class Checklist
{
    public static IEnumerable<string> Lines(string envName, EnvCheckReport report)
    {
        yield return $"Checked environment '{envName}': Python {report.Python} ({report.Machine}).";
        foreach (var framework in report.Frameworks)
        {
            yield return "  " + Line(framework);
        }
    }

    /// <summary>Why no accelerator works, when none does; null when one does.</summary>
    public static string? NoAccelerator(EnvCheckReport report)
    {
        var accelerated = report.AcceleratedFrameworks.ToArray();
        if (accelerated.Any(f => f.AcceleratorWorks))
        {
            return null;
        }

        return accelerated.Length == 0
            ? "none of TensorFlow, PyTorch, JAX or MLX is installed"
            : string.Join("; ", accelerated.Select(f => $"{f.Name}: {f.Error ?? f.Reason ?? "its computation on the accelerator was wrong"}"));
    }

    private static string Line(FrameworkCheck framework) => framework switch
    {
        { Present: false, Error: null } => $"- {framework.Name}: not installed",
        { Present: false } => $"x {framework.Name}: {framework.Error}",
        { Error: not null } => $"x {framework.Name} {framework.Version}: {framework.Error}",
        { UsesAccelerator: false } => $"v {framework.Name} {framework.Version}",
        { Accelerator: null } => $"! {framework.Name} {framework.Version}: {framework.Reason}",
        { AcceleratorWorks: true } => $"v {framework.Name} {framework.Version}: computes right on {framework.Accelerator} ({framework.Device})",
        _ => $"x {framework.Name} {framework.Version}: a computation on {framework.Accelerator} gave a wrong result",
    };
}
