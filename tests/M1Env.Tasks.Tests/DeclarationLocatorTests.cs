using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tasks.Tests;

public sealed class DeclarationLocatorTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "m1env-locate-" + Guid.NewGuid().ToString("N") + ".csproj");

    public void Dispose() => File.Delete(file);

    private const string Project = """
        <Project>
          <!-- <PipPackage Include="six" /> in a comment is not a declaration -->
          <ItemGroup>
            <PythonEnv Include="ml" PythonVersion="3.12" />
            <PipPackage Include="numpy; six ;pandas"
                        Verison="1.15.0" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Finds_the_element_at_its_angle_bracket_and_an_attribute_at_its_name()
    {
        File.WriteAllText(file, Project);

        Assert.Equal((4, 5), DeclarationLocator.Find(new DeclarationSite(file, "PythonEnv", "ml")));
        Assert.Equal((4, 29), DeclarationLocator.Find(new DeclarationSite(file, "PythonEnv", "ml"), "PythonVersion"));
        Assert.Equal((5, 5), DeclarationLocator.Find(new DeclarationSite(file, "PipPackage", "six")));
        Assert.Equal((6, 17), DeclarationLocator.Find(new DeclarationSite(file, "PipPackage", "six"), "Verison"));
    }

    [Fact]
    public void An_item_not_written_literally_or_a_file_that_cannot_be_read_has_no_location()
    {
        File.WriteAllText(file, Project);

        Assert.Equal((0, 0), DeclarationLocator.Find(new DeclarationSite(file, "PipPackage", "torch")));
        Assert.Equal((0, 0), DeclarationLocator.Find(new DeclarationSite(file, "CondaPackage", "six")));
        Assert.Equal((5, 5), DeclarationLocator.Find(new DeclarationSite(file, "PipPackage", "six"), "Markers"));
        Assert.Equal((0, 0), DeclarationLocator.Find(new DeclarationSite(file + ".missing", "PythonEnv", "ml")));

        File.WriteAllText(file, "<Project><ItemGroup><PythonEnv Include=");
        Assert.Equal((0, 0), DeclarationLocator.Find(new DeclarationSite(file, "PythonEnv", "ml")));
    }
}
