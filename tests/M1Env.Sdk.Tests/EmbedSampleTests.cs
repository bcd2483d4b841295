using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace M1Env.Sdk.Tests;

/// <summary>samples/embed as shipped: a console app runs Python in-process (pythonnet) inside the env it references.</summary>
[Collection(nameof(EmbedSampleTests))]
public sealed class EmbedSampleTests : IDisposable
{
    private readonly TempDirectory tools = new("m1env-embed-tools");

    public void Dispose() => tools.Dispose();

    private static string App => Path.Combine(RepositoryPaths.Root, "samples", "embed", "app", "EmbedApp.csproj");

    private Task<CommandResult> DotnetAsync(bool trace, params string[] arguments) =>
        TracedCommand.RunAsync(
            "dotnet",
            [.. arguments, "-nodeReuse:false", "-tl:off", "-v:n", $"-p:M1EnvToolsDir={tools.Path}"],
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1" },
            trace,
            timeout: TimeSpan.FromMinutes(8));

    [Fact]
    public async Task The_app_calls_a_package_of_its_env_through_pythonnet_and_a_second_build_changes_nothing()
    {
        var build = await DotnetAsync(trace: false, "build", App);
        Assert.True(build.Succeeded, build.ToString());

        var run = await TracedCommand.RunAsync("dotnet", ["run", "--project", App, "--no-build"], RepositoryPaths.Root, new Dictionary<string, string?>(), timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains("m1env_units says 3 GiB is 3.0 GiB", run.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("samples", "embed", "env", ".m1env", "embed"), run.Output, StringComparison.Ordinal);

        // The Debug build's: a publish (EmbedPublishTests) writes its own under obj/Release.
        var generated = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "embed", "app", "obj", "Debug"), "M1EnvInfo.g.cs", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(generated);
        var noOp = await DotnetAsync(trace: TracedCommand.CanTrace, "build", App);

        Assert.True(noOp.Succeeded, noOp.ToString());
        Assert.Contains("nothing to do", noOp.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(generated));
        ProcessAssertions.StartedNoPython(noOp);
    }

    [Fact]
    public async Task An_IDE_loads_the_app_without_diagnostics_and_its_code_compiles_against_M1EnvInfo()
    {
        var restore = await DotnetAsync(trace: false, "restore", App);
        Assert.True(restore.Succeeded, restore.ToString());
        var buildKey = Path.Combine(RepositoryPaths.Root, "samples", "embed", "env", ".m1env", "embed", ".m1env", "build.key");
        var keyBefore = File.Exists(buildKey) ? File.GetLastWriteTimeUtc(buildKey) : (DateTime?)null;

        using var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(App);
        var compilation = await project.GetCompilationAsync();

        var diagnostics = string.Join(Environment.NewLine, workspace.Diagnostics.Select(d => $"{d.Kind}: {d.Message}"));
        Assert.True(diagnostics.Length == 0, diagnostics);
        Assert.NotNull(compilation);
        var errors = string.Join(Environment.NewLine, compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(errors.Length == 0, errors);
        Assert.Contains(project.Documents, d => d.Name == "M1EnvInfo.g.cs");
        Assert.Equal(keyBefore, File.Exists(buildKey) ? File.GetLastWriteTimeUtc(buildKey) : null);
    }
}
