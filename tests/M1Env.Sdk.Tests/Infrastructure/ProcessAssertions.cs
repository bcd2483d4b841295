namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>What a traced build may have started.</summary>
internal static class ProcessAssertions
{
    /// <summary>Asserts that the build started no python and no pip (where strace is there to tell).</summary>
    public static void StartedNoPython(CommandResult build)
    {
        if (build.ExecutedPrograms is { } programs)
        {
            Assert.DoesNotContain(programs, p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal) || p.Contains("pip", StringComparison.Ordinal));
        }
        else
        {
            Assert.True(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS(), "Linux runs need strace to prove what a build starts (apt-get install strace).");
        }
    }

    /// <summary>
    /// The command lines of the pip runs a traced build started: M1Env runs pip as
    /// <c>python &lt;wheel&gt;/pip ...</c>, an env's own pip as <c>python -m pip</c> or <c>bin/pip</c>.
    /// </summary>
    public static IReadOnlyList<string> PipRuns(CommandResult build) =>
        (build.ExecutedCommandLines ?? throw new InvalidOperationException("The build was not traced."))
            .Where(argv => argv.Any(a => Path.GetFileName(a) == "pip" || a.EndsWith(".whl/pip", StringComparison.Ordinal))
                || argv.Zip(argv.Skip(1)).Any(pair => pair.First == "-m" && pair.Second == "pip"))
            .Select(argv => string.Join(' ', argv))
            .ToArray();

    /// <summary>The python processes a traced build started (probes, the venv module, pip).</summary>
    public static int PythonProcesses(CommandResult build) => PythonPrograms(build).Count;

    /// <summary>The python programs a traced build started, one per process.</summary>
    public static IReadOnlyList<string> PythonPrograms(CommandResult build) =>
        (build.ExecutedPrograms ?? throw new InvalidOperationException("The build was not traced."))
            .Where(p => Path.GetFileName(p).StartsWith("python", StringComparison.Ordinal))
            .ToArray();
}
