using M1Env.Core.Packaging;

namespace M1Env.Core.Tests.Packaging;

public class PackageNamesTests
{
    [Theory]
    [InlineData("Tensorflow_Metal", "tensorflow-metal")]
    [InlineData("zope.interface", "zope-interface")]
    [InlineData("a--b__c..d", "a-b-c-d")]
    public void Normalizes_as_pep503_does(string name, string expected) =>
        Assert.Equal(expected, PackageNames.Normalize(name));

    [Fact]
    public void Splits_extras_and_sorts_them()
    {
        Assert.True(PackageNames.TrySplitExtras("jax[cuda12, cpu]", out var name, out var extras));
        Assert.Equal("jax", name);
        Assert.Equal(["cpu", "cuda12"], extras);
    }

    [Theory]
    [InlineData("-numpy")]
    [InlineData("numpy-")]
    [InlineData("num py")]
    [InlineData("jax[]")]
    [InlineData("jax[cpu")]
    [InlineData("torch>=2")]
    [InlineData("")]
    public void Rejects_malformed_names(string text) =>
        Assert.False(PackageNames.TrySplitExtras(text, out _, out _));
}
