namespace M1Env.Core.Tests.Conda;

/// <summary>Keeps Fixtures/ and the tests in step: every recorded file is one the parser tests read.</summary>
public sealed class CondaFixtureTests
{
    /// <summary>Each recorded step, with the exit status the README gives it.</summary>
    public static TheoryData<string, string, int> Steps => new()
    {
        { CondaFixture.Conda, "version", 0 },
        { CondaFixture.Conda, "create-dry-run", 0 },
        { CondaFixture.Conda, "create", 0 },
        { CondaFixture.Conda, "install", 0 },
        { CondaFixture.Conda, "list", 0 },
        { CondaFixture.Conda, "list-explicit", 0 },
        { CondaFixture.Conda, "remove", 0 },
        { CondaFixture.Conda, "install-missing", 1 },
        { CondaFixture.Conda, "create-unsatisfiable", 1 },
        { CondaFixture.Conda, "create-progress", 0 },
        { CondaFixture.Conda, "install-progress", 0 },
        { CondaFixture.Micromamba, "version", 0 },
        { CondaFixture.Micromamba, "create-dry-run", 0 },
        { CondaFixture.Micromamba, "create", 0 },
        { CondaFixture.Micromamba, "install", 0 },
        { CondaFixture.Micromamba, "list", 0 },
        { CondaFixture.Micromamba, "remove", 0 },
        { CondaFixture.Micromamba, "install-missing", 1 },
        { CondaFixture.Micromamba, "create-unsatisfiable", 1 },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_has_its_output_and_exit_status(string tool, string step, int exitCode)
    {
        var fixture = CondaFixture.Load(tool, step);

        Assert.Equal(exitCode, fixture.ExitCode);
        Assert.NotEmpty(fixture.StandardOutput);
    }

    [Fact]
    public void Every_recorded_file_belongs_to_a_known_step()
    {
        var known = Steps.Select(row => Path.Combine((string)row[0], (string)row[1])).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(CondaFixture.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CondaFixture.Folder, f))
            .ToArray();

        Assert.Equal(19 * 3, files.Length);
        Assert.All(files, f => Assert.Contains(Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileNameWithoutExtension(f)), known));
    }
}
