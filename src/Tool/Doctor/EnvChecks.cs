using M1Env.Core.Backends;
using M1Env.Core.Verify;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Doctor;

/// <summary>For each declared env: does it exist and match its declaration, and do its frameworks compute right on the accelerator.</summary>
internal static class EnvChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(IReadOnlyList<ProjectEnv> envs, EnvCheck check, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        foreach (var (spec, provisioner) in envs)
        {
            var plan = await provisioner.PlanAsync(spec, cancellationToken);
            var name = $"env '{spec.Name}'";
            checks.Add(plan.Action is PlanAction.UpToDate or PlanAction.RefreshStamp
                ? new DoctorCheck(name, DoctorStatus.Pass, $"matches its declaration ({spec.Prefix})")
                : new DoctorCheck(name, DoctorStatus.Fail, string.Join("; ", plan.Reasons), "run 'm1env provision' or 'dotnet build'"));
            if (plan.CreatesEnv)
            {
                continue;
            }

            var report = await check.RunAsync(provisioner.BackendFor(spec).PythonPath(spec.Prefix), benchmark: false, 0, 0, cancellationToken);
            checks.AddRange(Frameworks(spec.Name, spec.Prefix, report));
        }

        return checks;
    }

    /// <summary>One line per framework that computes on an accelerator (TensorFlow, PyTorch, JAX, MLX): a pass when it computes right there.</summary>
    internal static IEnumerable<DoctorCheck> Frameworks(string envName, string prefix, EnvCheckReport report) =>
        report.AcceleratedFrameworks.Select(framework => framework.AcceleratorWorks
            ? new DoctorCheck($"{envName}: {framework.Name}", DoctorStatus.Pass, $"{framework.Version} computes right on {framework.Accelerator} ({framework.Device})")
            : new DoctorCheck($"{envName}: {framework.Name}", DoctorStatus.Fail, (framework.Version is { } version ? version + ": " : string.Empty) + (framework.Error ?? framework.Reason ?? "wrong result on the accelerator"), "see 'm1env verify --prefix " + prefix + "'"));
}
