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
                foreach (var spec in prepared.Specs)
                {
                    var result = prepared.Provisioner.ProvisionAsync(spec, Cancellation.Token).GetAwaiter().GetResult();
                    provisioned.Add(ProvisionedItem.From(result.Env));
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
