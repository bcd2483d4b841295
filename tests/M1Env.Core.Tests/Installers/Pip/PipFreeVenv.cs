using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>
/// A real venv made without pip, as M1Env makes one, and the real pip of its interpreter's bundled
/// wheel run for it, as M1Env runs pip before the env has its own.
/// </summary>
internal sealed class PipFreeVenv
{
    private readonly IProvisionLog log;

    private PipFreeVenv(string prefix, IProvisionLog log)
    {
        Prefix = prefix;
        this.log = log;
    }

    public static string BaseInterpreter { get; } = PythonFinder.Find();

    public static string PipWheel => BundledPip.Find(BaseInterpreter, new Version(3, 11)) ?? throw new InvalidOperationException($"{BaseInterpreter} ships no pip wheel.");

    public string Prefix { get; }

    public string Python => Path.Combine(Prefix, "bin", "python");

    public string SitePackages => Path.Combine(Prefix, "lib", "python3.11", "site-packages");

    public static async Task<PipFreeVenv> CreateAsync(string prefix, IProvisionLog log)
    {
        await RunAsync(log, BaseInterpreter, "-m", "venv", "--without-pip", prefix);
        return new PipFreeVenv(prefix, log);
    }

    /// <summary>pip from the bundled wheel, for this env.</summary>
    public Task<string> PipAsync(params string[] arguments) => RunAsync(log, Python, [Path.Combine(PipWheel, "pip"), .. arguments]);

    /// <summary>The env's own interpreter.</summary>
    public Task<string> PythonAsync(params string[] arguments) => RunAsync(log, Python, arguments);

    /// <summary>Runs a command that must succeed; returns its stdout.</summary>
    public static async Task<string> RunAsync(IProvisionLog log, string executable, params string[] arguments)
    {
        var result = await new ProcessRunner(log).RunAsync(executable, arguments, streamToLog: false, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", result.Transcript));
        return result.StandardOutput;
    }
}
