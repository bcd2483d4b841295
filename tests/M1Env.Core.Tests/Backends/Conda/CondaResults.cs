using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Tests.Backends.Conda;

/// <summary>What <see cref="CondaCommand"/> makes of a finished command without a rerun: its transaction, or the coded error.</summary>
internal static class CondaResults
{
    public static CondaTransaction TransactionOf(ProcessResult result, string envName) =>
        CondaTransaction.OfSuccess(result) ?? throw CondaFailure.Explain(result, envName);
}
