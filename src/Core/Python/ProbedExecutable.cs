using System.Text.Json;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Python;

/// <summary>
/// Whether a probed path is the interpreter itself: the <c>sys.executable</c> the probe printed is
/// the same file. A launcher (a pyenv shim, a wrapper script) may pick another interpreter next
/// time, so what it answered is not kept across builds (<see cref="ProbeMemo"/>).
/// </summary>
public static class ProbedExecutable
{
    /// <param name="answer">The probe's JSON, with the interpreter's <c>sys.executable</c> as <c>executable</c>.</param>
    public static bool RunsItself(string probed, JsonElement answer) =>
        answer.TryGetProperty("executable", out var executable) && executable.GetString() is { Length: > 0 } itself
        && PathIdentity.RealPath(itself) == PathIdentity.RealPath(probed);
}
