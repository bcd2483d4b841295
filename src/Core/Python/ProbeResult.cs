namespace M1Env.Core.Python;

public sealed record ProbeResult(PythonInterpreter? Interpreter, bool IsVenv, bool CanMakeVenv, string? RejectionReason)
{
    public static ProbeResult Rejected(string executable, string reason) =>
        new(new PythonInterpreter(executable, "0.0.0", string.Empty, string.Empty), false, false, reason);
}
