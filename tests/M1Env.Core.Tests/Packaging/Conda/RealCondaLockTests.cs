using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Inspection;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Conda;
using M1Env.Testing;

namespace M1Env.Core.Tests.Packaging.Conda;

/// <summary>
/// Conda locks with a real conda (M1ENV_TEST_CONDA) against channels the tests build: python 3.11 and
/// pip repacked from a relocatable CPython, and noarch packages pkga 1.0 and 2.0 and pkgb (needs pkga).
/// Each test has its own package caches, so what one downloads never helps another.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RealCondaLockTests : IDisposable
{
    private static readonly string[] Specs = ["python 3.11.*", "pkgb"];

    private readonly TempDirectory work = new("m1env-conda-lock");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => work.Dispose();

    private Task<CondaChannelBuilder> ChannelAsync() => CondaTestChannel.CreateAsync(work.Combine("channel"), pkgbNeeds: "pkga >=1.0");

    /// <summary>The test's conda: a script, named as the real one, that runs it with this test's own package cache and root prefix.</summary>
    private CondaTool Tool(string cacheName)
    {
        var real = CondaTestEnvironment.RequireExecutable();
        var script = Path.Combine(work.CreateSubdirectory("bin-" + cacheName), Path.GetFileName(real));
        var state = CondaTestEnvironment.IsolatedState(work.Combine(cacheName));
        File.WriteAllText(script, $"#!/bin/sh\nexport CONDA_OFFLINE=false\nexport CONDA_PKGS_DIRS=\"${{CONDA_PKGS_DIRS:-{state["CONDA_PKGS_DIRS"]}}}\"\nexport MAMBA_ROOT_PREFIX='{state["MAMBA_ROOT_PREFIX"]}'\nexec '{real}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var version = RealVersion.Value ?? throw new InvalidOperationException($"{real} printed no version for --version.");
        return new CondaTool(script, version.Flavor, version.Version, null);
    }

    private static readonly Lazy<CondaVersion?> RealVersion = new(() =>
    {
        var real = CondaTestEnvironment.RequireExecutable();
        var result = ExternalCommand.RunAsync(real, ["--version"]).GetAwaiter().GetResult();
        return CondaVersion.Parse(result.StandardOutput, real);
    });

    private CondaLockResolver Resolver(string cacheName = "pkgs-resolve") =>
        new(new ProcessRunner(log), log, Tool("pkgs-tool"), work.Combine(cacheName));

    private CondaClient Installer(string cacheName) =>
        new(new ProcessRunner(log), log, Tool(cacheName), Path.Combine(work.Combine(cacheName), "pkgs"), work.CreateSubdirectory("locks"), TimeSpan.FromMinutes(5));

    private static async Task<CondaLock> ResolveAsync(CondaLockResolver resolver, CondaChannel channel, IReadOnlyList<string>? specs = null, string? subdir = null) =>
        await resolver.ResolveAsync("demo", [channel.Url], specs ?? Specs, LockPlatform.Parse(subdir ?? CondaSubdir.Current), CancellationToken.None, declaredSpecs: Specs);

    private string WriteLock(CondaLock condaLock, string name = "demo")
    {
        var path = work.Combine(CondaLock.FileName(name, condaLock.Subdir));
        CondaLockWriter.WriteFile(condaLock, path);
        return path;
    }

    [CondaFact]
    [Trait("Category", CondaTestEnvironment.SmokeCategory)]
    public async Task A_lock_resolved_twice_is_byte_identical_and_installs_exactly_its_packages_from_an_empty_cache()
    {
        var channel = (await ChannelAsync()).Build();

        var first = CondaLockWriter.Write(await ResolveAsync(Resolver(), channel));
        var second = CondaLockWriter.Write(await ResolveAsync(Resolver(), channel));
        var fromColdCache = CondaLockWriter.Write(await ResolveAsync(Resolver("pkgs-resolve-2"), channel));

        Assert.Equal(first, second);
        Assert.Equal(first, fromColdCache);
        var condaLock = CondaLockReader.Read(first, "demo lock");
        var names = condaLock.Packages.Select(p => p.Name).ToList();
        Assert.Subset(new HashSet<string>(["python", "pip", "pkga", "pkgb"]), names.ToHashSet());
        Assert.True(names.IndexOf("pkga") < names.IndexOf("pkgb"), string.Join(", ", names));
        Assert.Equal("2.0", condaLock.Find("pkga")!.Version);
        Assert.All(condaLock.Packages, p => Assert.NotNull(p.Sha256));

        var prefix = work.Combine("env");
        await Installer("pkgs-install").CreateFromLockAsync("demo", prefix, WriteLock(condaLock), CancellationToken.None);

        var installed = CondaMetaReader.Read(prefix, verifyFiles: true);
        Assert.Empty(installed.Unreadable);
        Assert.Equal(
            condaLock.Packages.Select(p => (p.Name, p.Version, p.Build, p.Url, p.Md5)).OrderBy(p => p.Name, StringComparer.Ordinal),
            installed.Select(p => (p.Name, p.Version, p.Build, p.Url, p.Md5)).OrderBy(p => p.Name, StringComparer.Ordinal));
        Assert.All(installed, p => Assert.Empty(p.MissingFiles));
    }

    [CondaFact]
    public async Task A_channel_that_gains_a_newer_pkga_changes_nothing_for_an_install_from_the_lock()
    {
        var builder = await ChannelAsync();
        var channel = builder.Build();
        var lockFile = WriteLock(await ResolveAsync(Resolver(), channel));

        channel = builder.AddNoarch("pkga", "3.0").Build();
        var fresh = await ResolveAsync(Resolver("pkgs-resolve-2"), channel);
        Assert.Equal("3.0", fresh.Find("pkga")!.Version);

        var prefix = work.Combine("env");
        await Installer("pkgs-install").CreateFromLockAsync("demo", prefix, lockFile, CancellationToken.None);
        Assert.Equal("pkga 2.0", File.ReadAllText(Path.Combine(prefix, CondaChannelBuilder.MarkerPath("pkga"))).Trim());
    }

    [CondaFact]
    public async Task A_changed_declaration_keeps_the_locked_builds_of_unchanged_packages()
    {
        var builder = await ChannelAsync();
        var before = await ResolveAsync(Resolver(), builder.Build());
        var channel = builder.AddNoarch("pkga", "3.0").AddNoarch("pkgb", "2.0", ["pkga >=1.0"]).Build();

        string[] declared = ["python 3.11.*", "pkgb", "pkgc"];
        var specs = CondaLockUpdate.Specs(declared, before);
        var after = await Resolver().ResolveAsync("demo", [channel.Url], specs, LockPlatform.Parse(CondaSubdir.Current), CancellationToken.None, declaredSpecs: declared);

        Assert.Equal(["pkgc"], CondaLockUpdate.Changed(declared, before));
        Assert.Equal(before.Find("python"), after.Find("python"));
        Assert.Equal(before.Find("pkgb"), after.Find("pkgb"));
        Assert.Equal("1.0", after.Find("pkgc")!.Version);
        Assert.Equal(declared, after.DeclaredSpecs);
    }

    /// <remarks>Over HTTP: conda copies a <c>file://</c> package without checking its hash (CacheUrlAction), it checks downloads only.</remarks>
    [CondaFact]
    public async Task A_tampered_md5_fails_with_M1E062_and_installs_nothing()
    {
        var channel = (await ChannelAsync()).Build();
        using var server = StaticFileServer.Start();
        foreach (var file in Directory.GetFiles(channel.Root, "*", SearchOption.AllDirectories))
        {
            server.Add(Path.GetRelativePath(channel.Root, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }

        var condaLock = await Resolver().ResolveAsync("demo", [server.BaseUrl.TrimEnd('/')], Specs, LockPlatform.Parse(CondaSubdir.Current), CancellationToken.None);
        Assert.All(condaLock.Packages, p => Assert.StartsWith("http://127.0.0.1:", p.Url, StringComparison.Ordinal));
        var pkga = condaLock.Find("pkga")!;
        var tampered = condaLock with
        {
            Packages = condaLock.Packages.Select(p => p == pkga ? p with { Md5 = new string('0', 32) } : p).ToArray(),
        };

        var prefix = work.Combine("env");
        var error = await Assert.ThrowsAsync<M1EnvException>(() => Installer("pkgs-install").CreateFromLockAsync("demo", prefix, WriteLock(tampered), CancellationToken.None));

        Assert.True(error.Code == ErrorCodes.LockHashMismatch, $"{error.Code}: {error.Message}\n{string.Join("\n", error.ToolOutput)}");
        if (CondaTestEnvironment.ToolName == "conda")
        {
            // libmamba names no file: "Found incorrect downloads. Aborting" is all micromamba and mamba 2.x say.
            Assert.Contains("pkga", error.Message, StringComparison.Ordinal);
        }

        Assert.True(error.Message.Split('\n').Length < 12, error.Message);
        Assert.Empty(CondaMetaReader.Read(prefix, verifyFiles: false));
    }

    [CondaFact]
    public async Task A_resolution_for_osx_arm64_on_another_platform_picks_the_channels_osx_arm64_python()
    {
        // A fake osx-arm64 python: never installed here, only resolved; it needs macOS 11 like the real one.
        var channel = new CondaChannelBuilder(work.Combine("channel"), "osx-arm64")
            .Add(new CondaPackageSpec("python", "3.11.9")
            {
                Noarch = CondaNoarch.None,
                PlatformSubdir = "osx-arm64",
                Build = "h_osx_0",
                Depends = ["__osx >=11.0"],
                Files = [CondaPackageFile.Text("bin/python3.11", "not a python\n")],
            })
            .AddNoarch("pip", "24.0")
            .AddNoarch("pkga", "1.0")
            .AddNoarch("pkgb", "1.0", ["pkga >=1.0"])
            .Build();

        // conda makes python need pip (add_pip_as_python_dependency), so the channel has one.
        var condaLock = await ResolveAsync(Resolver(), channel, subdir: "osx-arm64");

        Assert.Equal("osx-arm64", condaLock.Subdir);
        var python = condaLock.Find("python")!;
        Assert.Equal(("3.11.9", "h_osx_0"), (python.Version, python.Build));
        Assert.EndsWith("/osx-arm64/python-3.11.9-h_osx_0.tar.bz2", python.Url, StringComparison.Ordinal);
        Assert.Contains("# platform: osx-arm64\n", CondaLockWriter.Write(condaLock), StringComparison.Ordinal);
    }

    [CondaFact]
    [Trait("Category", CondaTestEnvironment.SmokeCategory)]
    public async Task A_package_no_channel_has_is_M1E055_naming_it()
    {
        var channel = (await ChannelAsync()).Build();

        var error = await Assert.ThrowsAsync<M1EnvException>(() => ResolveAsync(Resolver(), channel, ["python 3.11.*", "pkgb", "nosuchpkg"]));

        Assert.True(error.Code == ErrorCodes.CondaPackagesNotFound, $"{error.Code}: {error.Message}");
        Assert.Contains("nosuchpkg", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported request", error.Message, StringComparison.Ordinal);
    }

    [CondaFact]
    public async Task Specs_no_set_of_packages_meets_are_M1E056_with_the_tools_explanation()
    {
        // pkgb needs pkga >=1.0; the channel has pkga 1.0 and 2.0, so pkga <1.0 and pkgb cannot both be met.
        var channel = (await ChannelAsync()).AddNoarch("pkga", "0.5").Build();

        var error = await Assert.ThrowsAsync<M1EnvException>(() => ResolveAsync(Resolver(), channel, ["python 3.11.*", "pkgb", "pkga <1.0"]));

        Assert.True(error.Code == ErrorCodes.CondaUnsatisfiable, $"{error.Code}: {error.Message}");
        Assert.Contains("pkga", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported request", error.Message, StringComparison.Ordinal);
    }
}
