using System.Text.Json.Nodes;
using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary><c>Jupyter="true"</c>: a kernel in Jupyter's data folder (JUPYTER_DATA_DIR here), made, kept and removed by builds.</summary>
public sealed class JupyterKernelTests : IDisposable
{
    private readonly TempDirectory work = new("m1env-jupyter");
    private readonly PackageFeed feed = new();

    public JupyterKernelTests() => feed.Server.AddWheel(WheelBuilder.Build(work.Combine("wheels"), "ipykernel", "6.29.5").Path);

    public void Dispose()
    {
        feed.Dispose();
        work.Dispose();
    }

    private string Kernels => work.Combine("jupyter", "kernels");

    private string Declaration(string jupyter) => $"""
        {feed.IndexProperty}
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" Jupyter="{jupyter}" />
          <PipPackage Include="m1-alpha" Version="1.0" />
        </ItemGroup>
        """;

    [Fact]
    public async Task A_kernel_is_registered_with_ipykernel_kept_by_no_op_builds_and_removed_with_the_declaration()
    {
        using var project = await TestProject.CreateAsync();
        project.ExtraEnvironment["JUPYTER_DATA_DIR"] = work.Combine("jupyter");
        project.WriteEnvProject(Declaration("true"));

        var built = await project.BuildAsync();

        Assert.True(built.Succeeded, built.ToString());
        var folder = Assert.Single(Directory.GetDirectories(Kernels));
        Assert.Matches("m1env-demo-[0-9a-f]{8}$", folder);
        var kernel = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal(project.PythonOf("demo"), (string)kernel["argv"]![0]!);
        Assert.Equal("Python (demo)", (string)kernel["display_name"]!);
        Assert.Equal("6.29.5", (await project.RunPythonAsync("demo", "import ipykernel; print(ipykernel.__version__)")).Output.Trim());

        var noOp = await project.BuildTracedAsync();
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        ProcessAssertions.StartedNoPython(noOp);
        Assert.True(File.Exists(Path.Combine(folder, "kernel.json")));

        project.WriteEnvProject(Declaration("false"));
        var removed = await project.BuildAsync();
        Assert.True(removed.Succeeded, removed.ToString());
        Assert.Contains("Removed the Jupyter kernel of environment 'demo'", removed.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Kernels));
    }
}
