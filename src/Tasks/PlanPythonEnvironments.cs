using M1Env.Core.Engine.Planning;
using Microsoft.Build.Framework;

namespace M1Env.Tasks;

/// <summary>
/// Says, per declared env, what the next build would do and why (<c>dotnet build -t:M1EnvPlan</c>),
/// changing nothing: no lock, no conda, no pip, no solver.
/// </summary>
public sealed class PlanPythonEnvironments : EnvironmentsTask
{
    public override bool Execute()
    {
        if (Prepare(buildKey: null) is not { } prepared)
        {
            return false;
        }

        return Run(
            () =>
            {
                foreach (var spec in prepared.Specs)
                {
                    var plan = prepared.Provisioner.PlanAsync(spec, Cancellation.Token).GetAwaiter().GetResult();
                    foreach (var line in PlanReport.Describe(spec, plan, prepared.Provisioner.BackendFor(spec)))
                    {
                        Log.LogMessage(MessageImportance.High, line);
                    }
                }
            },
            "Planning was cancelled.");
    }
}
