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
}
