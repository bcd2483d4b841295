namespace M1Env.Core.Python;

/// <summary>What a probe learnt: the interpreter's identity, or why it could not be asked.</summary>
public sealed record ProbeResult(PythonInterpreter? Interpreter, bool IsVenv, bool CanMakeVenv, string? RejectionReason)
{
    /// <summary>What an app embedding this interpreter needs (its own site-packages included); null when it could not say.</summary>
    public EnvHandOff? HandOff { get; init; }

    /// <summary>The probed file is the interpreter itself (its <c>sys.executable</c>), not a launcher such as a shim that picks one.</summary>
    public bool RunsItself { get; init; }

    public static ProbeResult Rejected(string reason) => new(null, false, false, reason);
}
