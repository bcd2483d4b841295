using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Spec;

/// <summary>Prefixes whose deletion (recreating an env deletes its prefix) would destroy the project or M1Env's folder.</summary>
public sealed class SpecBuilderPrefixTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-prefix-rules");

    public SpecBuilderPrefixTests()
    {
        Project = temp.CreateSubdirectory(Path.Combine("work", "project"));
        Tools = temp.CreateSubdirectory("tools");
    }

    private string Project { get; }

    private string Tools { get; }

    public void Dispose() => temp.Dispose();

    private SpecBuildResult Build(string envRoot, params EnvDeclaration[] envs) =>
        SpecBuilder.Build(envs, [], new SpecContext(Project, envRoot, PackageSourceSettings.Default, Tools));

    private SpecBuildResult Build(params EnvDeclaration[] envs) => Build(Path.Combine(Project, ".m1env"), envs);

    private static EnvDeclaration Venv(string name, string? prefix) => new(EnvKind.Venv, name, "3.11", prefix);

    [Theory]
    [InlineData("/", "is the root of a file system")]
    [InlineData(".", "is the project folder")]
    [InlineData("./", "is the project folder")]
    [InlineData("..", "contains the project folder")]
    [InlineData("../..", "contains the project folder")]
    [InlineData("../../tools", "is or contains M1EnvToolsDir")]
    public void Refuses_a_prefix_whose_deletion_would_delete_the_project_or_m1envs_folder(string prefix, string reason)
    {
        var error = Assert.Single(Build(Venv("demo", prefix)).Errors);

        Assert.Equal(ErrorCodes.PrefixNotAllowed, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains($"Prefix=\"{prefix}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_folder_that_contains_the_tools_folder()
    {
        var tools = temp.CreateSubdirectory(Path.Combine("home", ".m1env"));
        var result = SpecBuilder.Build([Venv("demo", temp.Combine("home"))], [], new SpecContext(Project, ".m1env", PackageSourceSettings.Default, tools));

        Assert.Contains("is or contains M1EnvToolsDir", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_link_to_the_project_folder()
    {
        var link = temp.Combine("alias");
        Directory.CreateSymbolicLink(link, Project);

        var error = Assert.Single(Build(Venv("demo", link)).Errors);

        Assert.Equal(ErrorCodes.PrefixNotAllowed, error.Code);
        Assert.Contains("is the project folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_existing_file()
    {
        File.WriteAllText(Path.Combine(Project, "results.csv"), "precious");

        var error = Assert.Single(Build(Venv("demo", "results.csv")).Errors);

        Assert.Equal(ErrorCodes.PrefixNotAllowed, error.Code);
        Assert.Contains("is an existing file", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(Project, "results.csv")));
    }

    [Fact]
    public void Checks_the_default_prefix_too()
    {
        // M1EnvRoot = the parent folder: the env "project" would be the project folder itself.
        var error = Assert.Single(Build(Path.GetDirectoryName(Project)!, Venv("project", null)).Errors);

        Assert.Equal(ErrorCodes.PrefixNotAllowed, error.Code);
        Assert.Contains("(M1EnvRoot + name)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_envs_on_one_folder_through_a_link_are_declared_twice()
    {
        var envs = temp.CreateSubdirectory("envs");
        var link = temp.Combine("envs-link");
        Directory.CreateSymbolicLink(link, envs);

        var error = Assert.Single(Build(Venv("a", Path.Combine(envs, "x")), Venv("b", Path.Combine(link, "x"))).Errors);

        Assert.Equal(ErrorCodes.DuplicateDeclaration, error.Code);
    }

    [Fact]
    public void Accepts_a_folder_of_its_own_inside_or_beside_the_project()
    {
        var result = Build(Venv("a", null), Venv("b", "../envs/b"), Venv("c", "venvs/c"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(
            [Path.Combine(Project, ".m1env", "a"), Path.GetFullPath(Path.Combine(Project, "..", "envs", "b")), Path.Combine(Project, "venvs", "c")],
            result.Envs.Select(e => e.Prefix));
    }
}
