using M1Env.Core.Infrastructure.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>Core's progress as MSBuild messages: steps at high importance, tool output at normal, warnings pointing at the project.</summary>
internal sealed class MSBuildProvisionLog(TaskLoggingHelper log, string? projectFile = null) : IProvisionLog
{
    public void Step(string message) => log.LogMessage(MessageImportance.High, message);

    public void Detail(string message) => log.LogMessage(MessageImportance.Normal, message);

    public void Warning(string code, string message) =>
        log.LogWarning(subcategory: null, code, helpKeyword: null, projectFile, 0, 0, 0, 0, message);
}
