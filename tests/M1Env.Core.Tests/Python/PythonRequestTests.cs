using M1Env.Core.Python;

namespace M1Env.Core.Tests.Python;

public class PythonRequestTests
{
    [Theory]
    [InlineData("3.11", "3.11.7", true)]
    [InlineData("3.11", "3.11.0", true)]
    [InlineData("3.11", "3.12.1", false)]
    [InlineData("3.11.7", "3.11.7", true)]
    [InlineData("3.11.7", "3.11.2", false)]
    [InlineData("3", "3.13.0", true)]
    [InlineData("", "3.9.1", true)]
    [InlineData("3.11", "2.7.18", false)]
    public void Matches_versions_by_the_parts_it_names(string request, string version, bool expected)
    {
        Assert.True(PythonRequest.TryParse(request, out var parsed));
        Assert.Equal(expected, parsed.IsSatisfiedBy(Version.Parse(version)));
    }

    [Theory]
    [InlineData("3.11.x")]
    [InlineData("python3")]
    [InlineData("3.11.7.1")]
    [InlineData(">=3.11")]
    public void Rejects_anything_but_a_version(string request) =>
        Assert.False(PythonRequest.TryParse(request, out _));

    [Fact]
    public void Prints_what_was_asked() =>
        Assert.Equal("3.11", PythonRequest.TryParse(" 3.11 ", out var parsed) ? parsed.ToString() : null);
}
