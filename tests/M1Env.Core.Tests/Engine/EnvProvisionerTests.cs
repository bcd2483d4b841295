using M1Env.Core.Backends;
using M1Env.Core.Engine;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine;

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

    private EnvProvisioner Provisioner(string? buildKey = "KEY", IProvisionLog? log = null, string project = "a.proj") =>
        new(new ProvisionOptions(temp.Combine("tools"), "9.9.9-test", TimeSpan.FromMinutes(1), buildKey) { ProjectFile = temp.Combine(project) }, log ?? NullProvisionLog.Instance);

    private async Task<EnvSpec> ProvisionSoloAsync()
    {
        WheelBuilder.Build(temp.CreateSubdirectory("wheels"), "m1-solo", "1.0");
        File.WriteAllText(temp.Combine("a.proj"), "<Project />");
        var spec = Spec(new PipRequirement("m1-solo", [], "==1.0"));
        await Provisioner().ProvisionAsync(spec, CancellationToken.None);
        return spec;
    }

    [Fact]
    public async Task Without_its_stamp_an_env_that_matches_is_recorded_again_without_starting_any_process()
    {
        var spec = await ProvisionSoloAsync();
        var store = new StampStore(spec.Prefix);
        File.Delete(store.StampPath);
        File.Delete(store.BuildKeyPath);

        var log = new RecordingProvisionLog();
        var result = await Provisioner(log: log).ProvisionAsync(spec, CancellationToken.None);

        Assert.Equal(PlanAction.RefreshStamp, result.Action);
        Assert.Empty(log.Commands);
        Assert.Contains(log.Lines, line => line.Contains("matches its declaration", StringComparison.Ordinal));
        Assert.True(store.Read()!.Complete);
    }

    [Fact]
    public async Task A_package_uninstalled_by_hand_is_reinstalled_with_that_reason()
    {
        var spec = await ProvisionSoloAsync();
        var uninstall = await ExternalCommand.RunAsync(Path.Combine(spec.Prefix, "bin", "python"), ["-m", "pip", "uninstall", "-y", "m1-solo"]);
        Assert.True(uninstall.Succeeded, uninstall.ToString());

        var log = new RecordingProvisionLog();
        var result = await Provisioner(log: log).ProvisionAsync(spec, CancellationToken.None);

        Assert.Equal(PlanAction.Update, result.Action);
        Assert.Contains("core: m1-solo==1.0 is not installed any more (removed by hand?)", log.Lines);
        Assert.Equal("1.0", EnvReaderVersion(spec, "m1-solo"));
    }

    [Fact]
    public async Task A_second_project_on_the_same_prefix_is_refused_and_the_env_is_untouched()
    {
        var spec = await ProvisionSoloAsync();
        File.WriteAllText(temp.Combine("b.proj"), "<Project />");
        var before = File.ReadAllText(new StampStore(spec.Prefix).StampPath);

        var error = await Assert.ThrowsAsync<M1EnvException>(() =>
            Provisioner(project: "b.proj").ProvisionAsync(spec with { PipPackages = [] }, CancellationToken.None));

        Assert.Equal(ErrorCodes.PrefixOwnedElsewhere, error.Code);
        Assert.Contains("a.proj", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(new StampStore(spec.Prefix).StampPath));
        Assert.Equal("1.0", EnvReaderVersion(spec, "m1-solo"));
    }

    [Fact]
    public async Task A_copied_env_is_made_again_at_its_new_place_and_the_original_is_not_touched()
    {
        var spec = await ProvisionSoloAsync();
        var copy = temp.Combine("copy");
        var cp = await ExternalCommand.RunAsync("cp", ["-a", spec.Prefix, copy]);
        Assert.True(cp.Succeeded, cp.ToString());
        var originalStamp = File.ReadAllText(new StampStore(spec.Prefix).StampPath);

        var log = new RecordingProvisionLog();
        var result = await Provisioner(log: log).ProvisionAsync(spec with { Prefix = copy }, CancellationToken.None);

        Assert.Equal(PlanAction.Recreate, result.Action);
        Assert.Contains(log.Lines, line => line.Contains($"moved or copied here from {PathIdentity.RealPath(spec.Prefix)}", StringComparison.Ordinal));
        Assert.Matches($"VIRTUAL_ENV=\"?{System.Text.RegularExpressions.Regex.Escape(copy)}\"?\n", File.ReadAllText(Path.Combine(copy, "bin", "activate")));
        Assert.Equal(originalStamp, File.ReadAllText(new StampStore(spec.Prefix).StampPath));
        Assert.NotNull(new StampStore(copy).ReadInterpreter());
    }

    private static string? EnvReaderVersion(EnvSpec spec, string name) =>
        EnvReader.Read(spec.Prefix, verifyFiles: false).Find(name)?.Version;

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
        Assert.StartsWith($"key|KEY|{first.SpecHash};", File.ReadAllText(store.BuildKeyPath), StringComparison.Ordinal);
        Assert.Equal([("m1-solo", "1.0")], stamp.Installed.Where(d => d.Name == "m1-solo").Select(d => (d.Name, d.Version)));
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
