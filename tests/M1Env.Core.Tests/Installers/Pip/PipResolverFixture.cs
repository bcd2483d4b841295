using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

/// <summary>
/// One venv (the machine's CPython 3.11 and the pip it bundles) and one index for every resolver
/// test: pure wheels with a dependency and two versions of it, a compiled-looking package with a
/// wheel per platform, a package with a Windows-only dependency, and a package with only an sdist.
/// </summary>
public sealed class PipResolverFixture : IAsyncLifetime
{
    private readonly TempDirectory temp = new("m1env-pipresolve");

    public PackageIndexServer Server { get; private set; } = null!;

    public string Python => Path.Combine(temp.Path, "venv", "bin", "python");

    public Dictionary<string, BuiltWheel> Files { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var index = temp.CreateSubdirectory("index");
        Add(WheelBuilder.Build(index, "m1-app", "1.0", ["m1-lib>=1.0"]));
        Add(WheelBuilder.Build(index, "m1-lib", "1.0"));
        Add(WheelBuilder.Build(index, "m1-lib", "1.1"));
        Add(WheelBuilder.Build(index, "m1-tool", "2.0"));
        foreach (var platform in new[] { "macosx_11_0_arm64", "macosx_14_0_arm64", "manylinux_2_17_x86_64.manylinux2014_x86_64", "win_amd64" })
        {
            Add(WheelBuilder.BuildTagged(index, "m1-native", "1.0", $"cp311-cp311-{platform}"));
        }

        Add(WheelBuilder.Build(index, "m1-plat", "1.0", ["m1-native", "m1-winonly; sys_platform == \"win32\""]));
        Add(WheelBuilder.Build(index, "m1-winonly", "1.0"));
        Add(SdistBuilder.Build(index, "m1-srconly", "1.0"));
        Server = PackageIndexServer.Start(index);

        var venv = await ExternalCommand.RunAsync(PythonFinder.Find(), ["-m", "venv", Path.Combine(temp.Path, "venv")]);
        Assert.True(venv.Succeeded, venv.ToString());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        temp.Dispose();
    }

    private void Add(BuiltWheel file) => Files[file.FileName] = file;
}
