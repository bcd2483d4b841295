using Microsoft.Build.Utilities;

namespace M1Env.Tasks.Tests;

public sealed class ProvisionPythonEnvironmentsTests : IDisposable
{
    private readonly string project = Path.Combine(Path.GetTempPath(), "m1env-task-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(project))
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private ProvisionPythonEnvironments Task(RecordingBuildEngine engine) => new()
    {
        BuildEngine = engine,
        ProjectDirectory = project,
        EnvRoot = Path.Combine(project, ".m1env"),
        ToolsDir = Path.Combine(project, "tools"),
    };

    private static TaskItem Item(string include, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(include);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }

    [Fact]
    public void Reports_every_bad_declaration_as_a_coded_error_on_the_project_and_touches_nothing()
    {
        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.PythonEnvs = [Item("demo", ("Python", "3.11"))];
        task.PipPackages = [Item("numpy", ("Version", "newest")), Item("torch", ("Env", "gpu"))];

        Assert.False(task.Execute());

        Assert.Equal(["M1E003", "M1E005"], engine.Errors.Select(e => e.Code));
        Assert.All(engine.Errors, e => Assert.Equal("/work/env.proj", e.File));
        Assert.Empty(task.Provisioned);
        Assert.False(Directory.Exists(project));
    }

    [Fact]
    public void An_error_about_an_item_points_at_the_file_that_declares_it_and_one_about_a_property_at_the_project()
    {
        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.ProjectFile = "/repo/app/app.csproj";
        task.PythonEnvs = [new DeclaredTaskItem("nul", "/repo/Directory.Build.props", ("Python", "3.11"))];
        task.PipPackages = [new DeclaredTaskItem("num py", "/repo/app/app.csproj")];
        task.CondaPackages = [new DeclaredTaskItem("numpy", "/repo/conda.props")];
        task.PipIndexUrl = "not a url";

        Assert.False(task.Execute());

        Assert.Equal(
            [("M1E008", "/repo/app/app.csproj"), ("M1E001", "/repo/Directory.Build.props"), ("M1E002", "/repo/app/app.csproj"), ("M1E004", "/repo/conda.props")],
            engine.Errors.Select(e => (e.Code, e.File)));
    }

    [Fact]
    public void A_prefix_that_is_the_project_folder_is_refused_before_anything_is_written()
    {
        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.PythonEnvs = [Item("demo", ("Python", "3.11"), ("Prefix", "."))];

        Assert.False(task.Execute());

        Assert.Equal("M1E015", Assert.Single(engine.Errors).Code);
        Assert.False(Directory.Exists(project));
    }

    [Fact]
    public void A_conda_package_for_a_venv_and_bad_conda_metadata_are_refused_before_conda_is_looked_for()
    {
        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.PythonEnvs = [Item("web", ("Python", "3.11"))];
        task.CondaEnvs = [Item("ml-m1", ("Python", "3.11"), ("Channels", "conda-forge;not a channel"))];
        task.CondaPackages = [Item("numpy", ("Env", "web")), Item("scipy", ("Env", "ml-m1"), ("Version", ">=1.11 and more"))];
        task.CondaExe = "/nonexistent/conda";

        Assert.False(task.Execute());
        Assert.Equal(["M1E008", "M1E009", "M1E003"], engine.Errors.Select(e => e.Code));
        Assert.False(Directory.Exists(project));
    }

    [Fact]
    public void Ignores_blank_list_entries_and_rejects_an_extra_index_url_that_is_not_a_url()
    {
        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.PythonEnvs = [Item("demo", ("Python", "3.11"))];
        task.PipExtraIndexUrls = ["not a url", " "];

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("M1E008", error.Code);
        Assert.Contains("'not a url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_system_failure_is_a_coded_error_not_a_crash()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // /dev/null is the Unix way to name a path that cannot be a folder.
        }

        var engine = new RecordingBuildEngine();
        var task = Task(engine);
        task.ToolsDir = "/dev/null/tools";
        task.PythonEnvs = [Item("demo", ("Python", "3.11"))];

        Assert.False(task.Execute());
        Assert.Equal("M1E013", Assert.Single(engine.Errors).Code);
    }
}
