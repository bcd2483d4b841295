using M1Env.Core.Backends;
using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Engine.Planning;

/// <summary>The backend a build would use for a spec, for tests that print plans (nothing is started or written).</summary>
internal static class PlanBackends
{
    private static readonly EnvProvisioner Provisioner = new(
        new ProvisionOptions(Path.Combine(Path.GetTempPath(), "m1env-plan-report-tests"), "1.0.0-test", TimeSpan.FromMinutes(1), null),
        NullProvisionLog.Instance);

    public static IEnvBackend For(EnvSpec spec) => Provisioner.BackendFor(spec);
}
