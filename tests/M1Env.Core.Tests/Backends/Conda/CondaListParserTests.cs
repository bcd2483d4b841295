using M1Env.Core.Backends.Conda;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Tests.Backends.Conda;

public sealed class CondaListParserTests
{
    [Theory]
    [InlineData(CondaFixture.Conda)]
    [InlineData(CondaFixture.Micromamba)]
    public void Lists_what_the_install_left(string tool)
    {
        var fixture = CondaFixture.Load(tool, "list");
        Assert.Equal((0, string.Empty), (fixture.ExitCode, fixture.StandardError));

        var packages = CondaListParser.Parse(fixture.StandardOutput);

        Assert.NotNull(packages);
        Assert.Equal(
            [
                new CondaPackageRef("pkga", "2.0", "h0_0", "file:///Users/dev/channel", "noarch"),
                new CondaPackageRef("pkgb", "1.0", "h0_0", "file:///Users/dev/channel", "noarch"),
                new CondaPackageRef("pkgc", "0.1", "h0_0", "file:///Users/dev/channel", "noarch"),
            ],
            packages);
    }

    [Fact]
    public void An_object_holding_the_packages_is_read_too()
    {
        const string stdout = """
            {"packages": [{"name": "numpy", "version": "1.26.4", "build_string": "py311h", "base_url": "https://conda.anaconda.org/conda-forge", "platform": "osx-arm64"}]}
            """;

        Assert.Equal([new CondaPackageRef("numpy", "1.26.4", "py311h", "conda-forge", "osx-arm64")], CondaListParser.Parse(stdout));
    }

    [Fact]
    public void An_object_keyed_by_name_is_read_too()
    {
        const string stdout = """{"zlib": {"name": "zlib", "version": "1.3", "build": "h0", "channel": "pkgs/main"}}""";

        Assert.Equal([new CondaPackageRef("zlib", "1.3", "h0", "pkgs/main", null)], CondaListParser.Parse(stdout));
    }

    [Fact]
    public void An_empty_prefix_lists_nothing() =>
        Assert.Empty(CondaListParser.Parse("[]\n")!);

    [Theory]
    [InlineData("")]
    [InlineData("[\n  {\n    \"name\": \"pkga\",")]
    [InlineData("EnvironmentLocationNotFound: Not a conda environment: /nowhere\n")]
    [InlineData("""{"exception_name": "EnvironmentLocationNotFound", "message": "Not a conda environment: /nowhere"}""")]
    public void No_listing_is_null(string stdout) =>
        Assert.Null(CondaListParser.Parse(stdout));
}
