namespace M1Env.Core.Infrastructure.Diagnostics;

/// <summary>
/// One env's lines while several envs are made at once: each starts with the env's name, and lines
/// from different envs never interleave within a line.
/// </summary>
public sealed class EnvNamedLog(string envName, IProvisionLog inner, object gate) : IProvisionLog
{
    public void Step(string message)
    {
        lock (gate)
        {
            inner.Step($"[{envName}] {message}");
        }
    }

    public void Detail(string message)
    {
        lock (gate)
        {
            inner.Detail($"[{envName}] {message}");
        }
    }

    public void Warning(string code, string message)
    {
        lock (gate)
        {
            inner.Warning(code, $"[{envName}] {message}");
        }
    }
}
