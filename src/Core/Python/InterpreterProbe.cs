using System.Globalization;
using System.Text.Json;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Python;

/// <summary>
/// Asks an interpreter who it is, in one short process. The process has a time limit: a broken
/// python on PATH that hangs must not hang the build, which may be holding a prefix lock.
/// </summary>
/// <param name="memo">Answers shared with the other envs of the build, or null to always ask.</param>
public sealed class InterpreterProbe(ProcessRunner runner, TimeSpan timeout, ProbeMemo? memo = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public InterpreterProbe(ProcessRunner runner, ProbeMemo? memo = null)
        : this(runner, DefaultTimeout, memo)
    {
    }

    // -I: isolated mode, so a user's PYTHONPATH or a sitecustomize cannot change the answer.
    // The hand-off is asked in the same process (an error there rejects nothing): a venv made from this interpreter hands on its answer.
    private const string Script = HandOffProbe.HandOffFunction +
        "import json, importlib.util as u\n" +
        "try:\n" +
        "    h = hand_off()\n" +
        "except Exception:\n" +
        "    h = None\n" +
        "print(json.dumps({'version': '%d.%d.%d' % sys.version_info[:3], 'executable': sys.executable, " +
        "'is_venv': sys.prefix != sys.base_prefix, 'implementation': sys.implementation.name, " +
        "'machine': platform.machine(), " +
        "'can_make_venv': u.find_spec('venv') is not None and u.find_spec('ensurepip') is not None, 'hand_off': h}))";

    public Task<ProbeResult> ProbeAsync(string executable, CancellationToken cancellationToken) =>
        memo is null
            ? AskAsync(executable, cancellationToken)
            : memo.GetOrRunAsync("interpreter", executable, () => AskAsync(executable, cancellationToken), KeptProbeJsonContext.Default.KeptProbeProbeResult, answer => answer is { Interpreter: not null, RunsItself: true });

    private async Task<ProbeResult> AskAsync(string executable, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(executable, ["-I", "-c", Script], streamToLog: false, cancellationToken, timeout).ConfigureAwait(false);
        if (result.TimedOut)
        {
            return ProbeResult.Rejected(string.Create(CultureInfo.InvariantCulture, $"did not answer within {timeout.TotalSeconds:0.###} s"));
        }

        if (!result.Succeeded)
        {
            return ProbeResult.Rejected($"did not run ({result.OutputTail.LastOrDefault() ?? $"exit code {result.ExitCode}"})");
        }

        try
        {
            var lastLine = result.StandardOutput.Trim().Split('\n').Last();
            using var document = JsonDocument.Parse(lastLine);
            var root = document.RootElement;
            var interpreter = new PythonInterpreter(
                executable,
                root.GetProperty("version").GetString()!,
                root.GetProperty("machine").GetString()!,
                root.GetProperty("implementation").GetString()!);
            return new ProbeResult(
                interpreter,
                IsVenv: root.GetProperty("is_venv").GetBoolean(),
                CanMakeVenv: root.GetProperty("can_make_venv").GetBoolean(),
                RejectionReason: null)
            {
                HandOff = root.TryGetProperty("hand_off", out var handOff) && handOff.ValueKind == JsonValueKind.Object ? HandOffProbe.Parse(handOff) : null,
                RunsItself = ProbedExecutable.RunsItself(executable, root),
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ProbeResult.Rejected("printed something that is not an interpreter description");
        }
    }
}
