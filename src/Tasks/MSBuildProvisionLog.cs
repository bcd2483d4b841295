using M1Env.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>Core's progress as MSBuild messages: steps at high importance, tool output at normal.</summary>
internal sealed class MSBuildProvisionLog(TaskLoggingHelper log) : IProvisionLog
{
    public void Step(string message) => log.LogMessage(MessageImportance.High, message);

    public void Detail(string message) => log.LogMessage(MessageImportance.Normal, message);
}
