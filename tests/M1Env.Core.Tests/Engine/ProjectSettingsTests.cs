using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine;

public sealed class ProjectSettingsTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-project-settings");

    public void Dispose() => temp.Dispose();

    private SpecBuildResult Prepare(string? linkMode) =>
        new ProjectSettings(temp.Combine("demo.proj"), temp.Path, temp.Combine(".m1env"), temp.Combine("tools")) { LinkMode = linkMode }
            .Prepare([new EnvDeclaration(EnvKind.Venv, "demo", "3.11", null, null)], [], [], new RecordingProvisionLog(), null)
            .Specs;

    [Fact]
    public void A_bad_link_mode_is_a_setting_error_before_anything_runs()
    {
        var error = Assert.Single(Prepare("symlink").Errors);

        Assert.Equal(ErrorCodes.InvalidSetting, error.Code);
        Assert.Equal(LinkModeSetting.Rejection("symlink"), error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("clone")]
    [InlineData("copy")]
    public void A_known_link_mode_or_none_is_no_error(string? linkMode) => Assert.Empty(Prepare(linkMode).Errors);
}
