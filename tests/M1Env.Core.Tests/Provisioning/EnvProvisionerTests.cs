using M1Env.Core.Diagnostics;
using M1Env.Core.Planning;
using M1Env.Core.Provisioning;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.Provisioning;

/// <summary>The engine end to end, without MSBuild: real venv, real pip, a local wheel folder.</summary>
public sealed class EnvProvisionerTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-provisioner");

    public void Dispose() => temp.Dispose();

    private EnvSpec Spec(params PipRequirement[] packages) => new(
        "core",
        EnvKind.Venv,
        new PythonRequest(3, 11, null),
        temp.Combine("env"),
        packages,
        new PackageSourceSettings(null, [], [temp.Combine("wheels")], Offline: true));

    private EnvProvisioner Provisioner(string? buildKey = "KEY") =>
        new(new ProvisionOptions(temp.Combine("tools"), "9.9.9-test", TimeSpan.FromMinutes(1), buildKey), NullProvisionLog.Instance);

    [Fact]
    public async Task Provisions_then_finds_the_env_up_to_date_and_records_the_build_key()
    {
        WheelBuilder.Build(temp.CreateSubdirectory("wheels"), "m1-solo", "1.0");
        var spec = Spec(new PipRequirement("m1-solo", [], "==1.0"));

        var first = await Provisioner().ProvisionAsync(spec, CancellationToken.None);
        var second = await Provisioner().ProvisionAsync(spec, CancellationToken.None);

        Assert.Equal(PlanAction.Create, first.Action);
        Assert.Equal(PlanAction.UpToDate, second.Action);
        Assert.Equal(first.SpecHash, second.SpecHash);
        Assert.True(File.Exists(first.Python));

        var store = new StampStore(spec.Prefix);
        var stamp = store.Read();
        Assert.NotNull(stamp);
        Assert.True(stamp.Complete);
        Assert.Equal("9.9.9-test", stamp.ToolVersion);
        Assert.Equal("m1-solo==1.0", Assert.Single(stamp.PipPackages).Requirement);
        Assert.Equal(StampStore.FormatBuildKey("KEY", first.SpecHash, stamp.Interpreter.Executable), File.ReadAllText(store.BuildKeyPath));
    }

    [Fact]
    public async Task A_new_tool_version_only_refreshes_the_stamp()
    {
        temp.CreateSubdirectory("wheels");
        var spec = Spec();
        await Provisioner().ProvisionAsync(spec, CancellationToken.None);

        var upgraded = new EnvProvisioner(new ProvisionOptions(temp.Combine("tools"), "10.0.0-test", TimeSpan.FromMinutes(1), "KEY"), NullProvisionLog.Instance);
        var result = await upgraded.ProvisionAsync(spec, CancellationToken.None);

        Assert.Equal(PlanAction.RefreshStamp, result.Action);
        Assert.Equal("10.0.0-test", new StampStore(spec.Prefix).Read()!.ToolVersion);
    }
}
