using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks.Tests;

public class MSBuildProvisionLogTests
{
    private sealed class AnyTask : Microsoft.Build.Utilities.Task
    {
        public override bool Execute() => true;
    }

    [Fact]
    public void Steps_are_high_importance_and_tool_output_normal()
    {
        var engine = new RecordingBuildEngine();
        var log = new MSBuildProvisionLog(new TaskLoggingHelper(new AnyTask { BuildEngine = engine }));

        log.Step("Creating venv");
        log.Detail("Collecting numpy");

        Assert.Equal([MessageImportance.High, MessageImportance.Normal], engine.Messages.Select(m => m.Importance));
    }
}
