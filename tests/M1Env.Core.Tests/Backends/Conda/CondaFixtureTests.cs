namespace M1Env.Core.Tests.Backends.Conda;

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
        { CondaFixture.Micromamba2, "version", 0 },
        { CondaFixture.Micromamba2, "create-dry-run", 0 },
        { CondaFixture.Micromamba2, "create", 0 },
        { CondaFixture.Micromamba2, "install", 0 },
        { CondaFixture.Micromamba2, "list", 0 },
        { CondaFixture.Micromamba2, "remove", 0 },
        { CondaFixture.Micromamba2, "install-missing", 1 },
        { CondaFixture.Micromamba2, "install-missing-plain", 1 },
        { CondaFixture.Micromamba2, "create-unsatisfiable", 1 },
        { CondaFixture.Micromamba2, "create-missing-python", 1 },
        { CondaFixture.Micromamba2, "create-missing-python-plain", 1 },
        { CondaFixture.Micromamba2, "create-explicit", 0 },
        { CondaFixture.Micromamba2, "install-explicit", 0 },
        { CondaFixture.Micromamba2, "create-explicit-hash-mismatch", 1 },
        { CondaFixture.Micromamba2, "info", 0 },
        { CondaFixture.Mamba2, "version", 0 },
        { CondaFixture.Mamba2, "create-dry-run", 0 },
        { CondaFixture.Mamba2, "create", 0 },
        { CondaFixture.Mamba2, "install", 0 },
        { CondaFixture.Mamba2, "list", 0 },
        { CondaFixture.Mamba2, "remove", 0 },
        { CondaFixture.Mamba2, "install-missing", 1 },
        { CondaFixture.Mamba2, "install-missing-plain", 1 },
        { CondaFixture.Mamba2, "create-unsatisfiable", 1 },
        { CondaFixture.Mamba2, "create-missing-python", 1 },
        { CondaFixture.Mamba2, "create-missing-python-plain", 1 },
        { CondaFixture.Mamba2, "create-explicit", 0 },
        { CondaFixture.Mamba2, "install-explicit", 0 },
        { CondaFixture.Mamba2, "create-explicit-hash-mismatch", 1 },
        { CondaFixture.Mamba2, "info", 0 },
        { CondaFixture.Mamba29, "create-dry-run", 0 },
        { CondaFixture.Mamba29, "create", 0 },
        { CondaFixture.Mamba29, "install", 0 },
        { CondaFixture.Mamba29, "list", 0 },
        { CondaFixture.Mamba29, "remove", 0 },
        { CondaFixture.Mamba29, "install-missing", 1 },
        { CondaFixture.Mamba29, "create-unsatisfiable", 1 },
        { CondaFixture.Mamba29, "create-missing-python", 1 },
        { CondaFixture.Mamba29, "create-explicit-hash-mismatch", 1 },
        { CondaFixture.Mamba29, "info", 0 },
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
            .Where(f => Path.GetFileName(f) != "README.md")
            .Select(f => Path.GetRelativePath(CondaFixture.Folder, f))
            .ToArray();

        Assert.Equal(Steps.Count() * 3, files.Length);
        Assert.All(files, f => Assert.Contains(Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileNameWithoutExtension(f)), known));
    }
}
