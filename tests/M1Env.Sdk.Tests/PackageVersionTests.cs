using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>A package packed from uncommitted changes never shares its version with another build.</summary>
public sealed class PackageVersionTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-version");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Uncommitted_changes_give_the_package_a_version_of_its_own()
    {
        // A clone of HEAD, so the test does not depend on the state of the developer's work tree.
        var clone = temp.Combine("repo");
        var git = await ExternalCommand.RunAsync("git", ["clone", "--quiet", "--no-local", RepositoryPaths.Root, clone]);
        Assert.True(git.Succeeded, git.ToString());

        var clean = await PackAsync(clone, "clean");
        File.AppendAllText(Path.Combine(clone, "src", "Sdk", "Sdk", "Sdk.props"), "<!-- an uncommitted change -->\n");
        var dirty = await PackAsync(clone, "dirty");

        Assert.DoesNotContain("dirty", clean, StringComparison.Ordinal);
        Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(clean) + @"[.-]dirty\.h[0-9a-f]{8}$", dirty);
    }

    private async Task<string> PackAsync(string repository, string name)
    {
        var output = temp.Combine(name);
        var pack = await TracedCommand.RunAsync(
            "dotnet",
            ["pack", Path.Combine(repository, "src", "Sdk", "M1Env.Sdk.csproj"), "-c", "Release", "-o", output, "-p:M1EnvPackReadyToRun=false", "-nodeReuse:false", "-tl:off", "-nologo"],
            repository,
            new Dictionary<string, string?>(),
            timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.Succeeded, pack.ToString());
        return Path.GetFileName(Directory.GetFiles(output, "M1Env.Sdk.*.nupkg").Single())["M1Env.Sdk.".Length..^".nupkg".Length];
    }
}
