namespace M1Env.Core.Python;

/// <summary>What a probe learnt: the interpreter's identity, or why it could not be asked.</summary>
public sealed record ProbeResult(PythonInterpreter? Interpreter, bool IsVenv, bool CanMakeVenv, string? RejectionReason)
{
    public static ProbeResult Rejected(string reason) => new(null, false, false, reason);
}
