using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public sealed class UnknownMetadataTests
{
    private static KeyValuePair<string, string> Meta(string name, string value) => new(name, value);

    [Fact]
    public void A_known_name_inside_the_typed_one_is_suggested_with_the_names_the_item_takes()
    {
        var unknown = Assert.Single(UnknownMetadata.Find("PythonEnv", "ml", [Meta("PythonVersion", "3.12"), Meta("Prefix", "envs/ml")]));

        Assert.Equal("PythonVersion", unknown.Name);
        Assert.Equal(
            "PythonEnv 'ml' has PythonVersion=\"3.12\", which M1Env does not read, so it changes nothing. Did you mean Python? A PythonEnv takes Python, Prefix, Jupyter, LockFile.",
            unknown.Message);
    }

    [Fact]
    public void Swapped_letters_are_a_near_miss()
    {
        var unknown = Assert.Single(UnknownMetadata.Find("PipPackage", "six", [Meta("Verison", "1.15.0")]));

        Assert.Contains("Did you mean Version?", unknown.Message, StringComparison.Ordinal);
        Assert.EndsWith("A PipPackage takes Version, Env, Markers, Platforms.", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_near_nothing_gets_no_suggestion()
    {
        var unknown = Assert.Single(UnknownMetadata.Find("CondaPackage", "numpy", [Meta("Colour", "blue")]));

        Assert.DoesNotContain("Did you mean", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("A CondaPackage takes Version, Channel, Env, Platforms.", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_names_in_any_case_and_MSBuilds_own_metadata_are_never_reported()
    {
        Assert.Empty(UnknownMetadata.Find("CondaEnv", "ml-m1",
            [Meta("python", "3.11"), Meta("Channels", "conda-forge"), Meta("Named", "true"), Meta("Jupyter", "true"), Meta("LockFile", "x"),
             Meta("DefiningProjectFullPath", "/p/env.proj"), Meta("FullPath", "/p/ml-m1"), Meta("Identity", "ml-m1"), Meta("Visible", "false")]));
        Assert.Empty(UnknownMetadata.Find("PipPackage", "jax", [Meta("Markers", "sys_platform == 'darwin'"), Meta("Platforms", "osx-arm64")]));
    }

    [Fact]
    public void Conda_metadata_on_a_PythonEnv_is_left_to_its_own_error()
    {
        Assert.Empty(UnknownMetadata.Find("PythonEnv", "web", [Meta("Channels", "conda-forge"), Meta("Named", "true")]));
    }

    [Fact]
    public void A_long_name_or_value_is_quoted_shortened()
    {
        var unknown = Assert.Single(UnknownMetadata.Find("PipPackage", new string('p', 5000), [Meta(new string('N', 300), new string('v', 5000))]));

        Assert.True(unknown.Message.Length < 600, unknown.Message);
        Assert.Contains("(5000 characters)", unknown.Message, StringComparison.Ordinal);
    }
}
