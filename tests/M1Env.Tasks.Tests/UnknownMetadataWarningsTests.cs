namespace M1Env.Tasks.Tests;

/// <summary>What the task tells about a declaration's mistakes: unknown metadata at its attribute, an error at its element.</summary>
public sealed class UnknownMetadataWarningsTests : IDisposable
{
    private readonly string project = Path.Combine(Path.GetTempPath(), "m1env-task-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(project))
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public void Typos_are_warnings_at_their_attributes_and_a_bad_item_an_error_at_its_element()
    {
        Directory.CreateDirectory(project);
        var file = Path.Combine(project, "env.csproj");
        File.WriteAllText(file, """
            <Project>
              <ItemGroup>
                <PythonEnv Include="ml" PythonVersion="3.12" />
                <PipPackage Include="six" Verison="1.15.0" />
                <PipPackage Include="num py" />
              </ItemGroup>
            </Project>
            """);
        var engine = new RecordingBuildEngine();
        var task = new PlanPythonEnvironments
        {
            BuildEngine = engine,
            ProjectDirectory = project,
            EnvRoot = Path.Combine(project, ".m1env"),
            ToolsDir = Path.Combine(project, "tools"),
            ProjectFile = file,
            PythonEnvs = [new DeclaredTaskItem("ml", file, ("PythonVersion", "3.12"))],
            PipPackages = [new DeclaredTaskItem("six", file, ("Verison", "1.15.0")), new DeclaredTaskItem("num py", file)],
        };

        Assert.False(task.Execute());

        Assert.Equal(
            [("M1E018", file, 3, 29, true), ("M1E018", file, 4, 31, true)],
            engine.Warnings.Select((w, i) => (w.Code, w.File, w.LineNumber, w.ColumnNumber, w.Message!.Contains(i == 0 ? "Did you mean Python?" : "Did you mean Version?", StringComparison.Ordinal))));
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("M1E002", file, 5, 5), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.False(Directory.Exists(Path.Combine(project, ".m1env")));
    }
}
