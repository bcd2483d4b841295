using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Tests;

/// <summary>Keeps every line Core logs, to assert on steps, reasons and the commands it ran.</summary>
internal sealed class RecordingProvisionLog : IProvisionLog
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToArray();
            }
        }
    }

    /// <summary>The command lines Core started (ProcessRunner logs each as "> command").</summary>
    public IEnumerable<string> Commands => Lines.Where(line => line.StartsWith("> ", StringComparison.Ordinal));

    public void Clear()
    {
        lock (lines)
        {
            lines.Clear();
        }
    }

    public void Step(string message) => Add(message);

    public void Detail(string message) => Add(message);

    public void Warning(string code, string message) => Add($"warning {code}: {message}");

    private void Add(string message)
    {
        lock (lines)
        {
            lines.Add(message);
        }
    }
}
