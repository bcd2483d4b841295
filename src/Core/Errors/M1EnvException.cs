namespace M1Env.Core.Errors;

/// <summary>A failure the user can act on: a stable code, what went wrong and what to do.</summary>
public sealed class M1EnvException : Exception
{
    public M1EnvException(string code, string message, IReadOnlyList<string>? toolOutput = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        ToolOutput = toolOutput ?? [];
    }

    public string Code { get; }

    /// <summary>The failing command and the last lines it printed, credentials removed.</summary>
    public IReadOnlyList<string> ToolOutput { get; }
}
