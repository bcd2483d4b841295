using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Tests.Infrastructure.Diagnostics;

public class UrlRedactorTests
{
    [Theory]
    [InlineData("--index-url https://user:s3cret@pkgs.example.com/simple", "--index-url https://****@pkgs.example.com/simple")]
    [InlineData("https://token@host/x and http://a:b@c/", "https://****@host/x and http://****@c/")]
    [InlineData("https://pypi.org/simple", "https://pypi.org/simple")]
    [InlineData("user@example.com wrote", "user@example.com wrote")]
    public void Removes_credentials_from_urls(string text, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(text));
}
