using System.Text.Json.Nodes;
using M1Env.Core.Engine.Jupyter;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine.Jupyter;

public sealed class JupyterKernelsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-kernels");
    private readonly RecordingProvisionLog log = new();

    private JupyterKernels Kernels => new(temp.Combine("jupyter"), log);

    public void Dispose() => temp.Dispose();

    private static EnvOwner Owner(string project, string env = "ml-m1") => new(project, env);

    private JsonNode KernelJson(string name) => JsonNode.Parse(File.ReadAllText(temp.Combine("jupyter", "kernels", name, "kernel.json")))!;

    [Fact]
    public void A_kernel_runs_the_envs_python_under_the_envs_name_and_records_its_owner()
    {
        var name = Kernels.Register(Owner("/a/app.csproj"), "/a/.m1env/ml-m1", "/a/.m1env/ml-m1/bin/python");

        var kernel = KernelJson(name);
        Assert.Equal(["/a/.m1env/ml-m1/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"], kernel["argv"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("Python (ml-m1)", (string)kernel["display_name"]!);
        Assert.Equal("python", (string)kernel["language"]!);
        Assert.Equal(Owner("/a/app.csproj"), KernelSpec.OwnerIn(temp.Combine("jupyter", "kernels", name)));
        Assert.Matches("^m1env-ml-m1-[0-9a-f]{8}$", name);
    }

    [Fact]
    public void Two_clones_with_an_env_of_one_name_get_two_kernels()
    {
        var first = Kernels.Register(Owner("/a/app.csproj"), "/a/.m1env/ml-m1", "/a/.m1env/ml-m1/bin/python");
        var second = Kernels.Register(Owner("/b/app.csproj"), "/b/.m1env/ml-m1", "/b/.m1env/ml-m1/bin/python");

        Assert.NotEqual(first, second);
        Assert.Equal("/a/.m1env/ml-m1/bin/python", (string)KernelJson(first)["argv"]![0]!);
        Assert.Equal("/b/.m1env/ml-m1/bin/python", (string)KernelJson(second)["argv"]![0]!);
    }

    [Fact]
    public void An_unchanged_kernel_is_not_written_again()
    {
        var name = Kernels.Register(Owner("/a/app.csproj"), "/a/.m1env/ml-m1", "/a/.m1env/ml-m1/bin/python");
        var file = temp.Combine("jupyter", "kernels", name, "kernel.json");
        File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Kernels.Register(Owner("/a/app.csproj"), "/a/.m1env/ml-m1", "/a/.m1env/ml-m1/bin/python");

        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
        Assert.Single(log.Lines, l => l.StartsWith("Registered the Jupyter kernel", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kernel_goes_when_its_env_no_longer_asks_for_one_and_another_projects_kernel_stays()
    {
        var envRoot = temp.Combine("project", ".m1env");
        var ours = Kernels.Register(Owner("/a/app.csproj"), "/a/.m1env/ml-m1", "/a/.m1env/ml-m1/bin/python");
        var other = Kernels.Register(Owner("/b/app.csproj"), "/b/.m1env/ml-m1", "/b/.m1env/ml-m1/bin/python");
        Kernels.Forget(envRoot, "/a/app.csproj", new Dictionary<string, string> { ["ml-m1"] = ours });
        Assert.True(File.Exists(Path.Combine(envRoot, ".jupyter-kernels.json")));

        // A record naming the other clone's kernel (a copied folder) must not delete it.
        File.WriteAllText(Path.Combine(envRoot, ".jupyter-kernels.json"), $$"""{ "ml-m1": "{{ours}}", "stolen": "{{other}}" }""");
        Kernels.Forget(envRoot, "/a/app.csproj", new Dictionary<string, string>());

        Assert.False(Directory.Exists(temp.Combine("jupyter", "kernels", ours)));
        Assert.True(Directory.Exists(temp.Combine("jupyter", "kernels", other)));
        Assert.False(File.Exists(Path.Combine(envRoot, ".jupyter-kernels.json")));
    }

    [Fact]
    public void Jupyters_data_folder_is_found_as_jupyter_core_finds_it()
    {
        Assert.Equal("/custom", JupyterDataDirectory.Resolve(name => name == "JUPYTER_DATA_DIR" ? "/custom" : null, "/home/me"));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("/home/me/.local/share/jupyter", JupyterDataDirectory.Resolve(_ => null, "/home/me"));
            Assert.Equal("/xdg/jupyter", JupyterDataDirectory.Resolve(name => name == "XDG_DATA_HOME" ? "/xdg" : null, "/home/me"));
        }
    }
}
