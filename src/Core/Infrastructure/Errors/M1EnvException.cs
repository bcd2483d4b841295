using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Infrastructure.Errors;

/// <summary>A failure the user can act on: a stable code, what went wrong and what to do.</summary>
public sealed class M1EnvException : Exception
{
    public M1EnvException(string code, string message, IReadOnlyList<string>? toolOutput = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        // A tool's line may hold a value of any length the user wrote (a 5,000-character package name): each is cut.
        ToolOutput = toolOutput?.Select(InputQuote.Line).ToArray() ?? [];
    }

    public string Code { get; }

    /// <summary>The failing command and the last lines it printed, credentials removed, each line cut to 160 characters.</summary>
    public IReadOnlyList<string> ToolOutput { get; }
}
