namespace M1Env.Core.Infrastructure.Diagnostics;

public sealed class NullProvisionLog : IProvisionLog
{
    public static NullProvisionLog Instance { get; } = new();

    private NullProvisionLog()
    {
    }

    public void Step(string message)
    {
    }

    public void Detail(string message)
    {
    }

    public void Warning(string code, string message)
    {
    }
}
