using M1Env.Core.Conda;
using M1Env.Core.Processes;

namespace M1Env.Core.Tests.Conda;

/// <summary>What <see cref="CondaCommand"/> makes of a finished command without a rerun: its transaction, or the coded error.</summary>
internal static class CondaResults
{
    public static CondaTransaction TransactionOf(ProcessResult result, string envName) =>
        CondaTransaction.OfSuccess(result) ?? throw CondaFailure.Explain(result, envName);
}
