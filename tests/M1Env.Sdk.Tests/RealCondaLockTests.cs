using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// A conda env's lock through a real conda (M1ENV_TEST_CONDA) and a real 'dotnet build', against a
/// channel the test builds (see <see cref="RealCondaTests"/>): written, reproduced elsewhere, kept
/// when the channel moves on, refused in locked mode, and checked against its hashes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RealCondaLockTests : IDisposable
{
    private const string LockName = "demo.linux-64.conda-lock.txt";

    private readonly TempDirectory work = new("m1env-real-conda-lock");
    private readonly PackageFeed feed = new();

    public void Dispose()
    {
        feed.Dispose();
        work.Dispose();
    }

    private async Task<CondaChannelBuilder> ChannelAsync()
    {
        var builder = await CondaTestChannel.CreateAsync(work.Combine("channel"));
        builder.Build();
        return builder;
    }

    private async Task<TestProject> ProjectAsync(string packageCache)
    {
        var project = await TestProject.CreateAsync();
        foreach (var (name, value) in CondaTestEnvironment.IsolatedState(work.Combine(packageCache)))
        {
            project.ExtraEnvironment[name] = value;
        }
        return project;
    }

    private static string Declaration(CondaChannelBuilder channel, string conda) => Declaration(new Uri(channel.Root).AbsoluteUri, conda);

    private static string Declaration(string channelUrl, string conda) => $"""
        <PropertyGroup>
          <M1EnvCondaExe>{CondaTestEnvironment.RequireExecutable()}</M1EnvCondaExe>
        </PropertyGroup>
        <ItemGroup>
          <CondaEnv Include="demo" Python="3.11" Channels="{channelUrl}" />
          {conda}
        </ItemGroup>
        """;

    private static string LockOf(TestProject project) => Path.Combine(project.Directory, LockName);

    private static string? Marker(TestProject project, string package) =>
        File.Exists(Path.Combine(project.PrefixOf("demo"), CondaChannelBuilder.MarkerPath(package)))
            ? File.ReadAllText(Path.Combine(project.PrefixOf("demo"), CondaChannelBuilder.MarkerPath(package))).Trim()
            : null;

    /// <summary>name-version-build of every package in the prefix, from conda-meta.</summary>
    private static string[] Installed(TestProject project) =>
        Directory.GetFiles(Path.Combine(project.PrefixOf("demo"), "conda-meta"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>name-version-build of every package the lock lists, from its URLs.</summary>
    private static string[] Locked(string lockText) =>
        lockText.Split('\n')
            .Where(line => line.StartsWith("file:", StringComparison.Ordinal) || line.StartsWith("http:", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf('/') + 1)..line.IndexOf(".tar.bz2", StringComparison.Ordinal)])
            .Order(StringComparer.Ordinal)
            .ToArray();

    [CondaFact]
    public async Task A_conda_package_for_another_platform_is_neither_locked_nor_installed_here()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync("pkgs-platforms");
        project.WriteEnvProject(Declaration(channel, """
            <CondaPackage Include="pkga" />
            <CondaPackage Include="pkgc" Platforms="osx-arm64" />
            """));

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        var lockText = File.ReadAllText(LockOf(project));
        Assert.DoesNotContain("pkgc", lockText, StringComparison.Ordinal);
        Assert.Equal("pkga 2.0", Marker(project, "pkga"));
        Assert.Null(Marker(project, "pkgc"));

        // Locked mode finds the declaration in the lock, pkgc and all, and changes nothing.
        var locked = await project.BuildAsync("-p:M1EnvLockedMode=true");
        Assert.True(locked.Succeeded, locked.ToString());
        Assert.Equal(lockText, File.ReadAllText(LockOf(project)));
        Assert.Null(Marker(project, "pkgc"));
        var plan = await project.DotnetAsync("build", trace: false, ["-t:M1EnvPlan", "-p:M1EnvLockedMode=true"]);
        Assert.True(plan.Output.Contains("nothing to do", StringComparison.Ordinal), plan.ToString());
    }

    [CondaFact]
    public async Task A_lock_is_reproduced_in_a_fresh_prefix_ignores_a_newer_version_until_M1EnvLock_and_lists_every_package()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync("pkgs-first");
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb" />"""));

        var first = await project.BuildAsync();
        Assert.True(first.Succeeded, first.ToString());
        var lockText = File.ReadAllText(LockOf(project));
        Assert.Equal(Installed(project), Locked(lockText));
        Assert.Contains("/noarch/pkga-2.0-0.tar.bz2#", lockText, StringComparison.Ordinal);
        Assert.Equal("pkga 2.0", Marker(project, "pkga"));

        // The channel gains pkga 2.5, which pkgb allows: another machine with the lock still gets 2.0.
        channel.AddNoarch("pkga", "2.5").Build();
        using var other = await ProjectAsync("pkgs-other");
        File.Copy(LockOf(project), LockOf(other));
        other.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkgb" />"""));
        var reproduced = await other.BuildAsync();
        Assert.True(reproduced.Succeeded, reproduced.ToString());
        Assert.Contains($"from its lock {LockName}", reproduced.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Resolving conda env", reproduced.Output, StringComparison.Ordinal);
        Assert.Equal(Installed(project), Installed(other));
        Assert.Equal(lockText, File.ReadAllText(LockOf(other)));

        // M1EnvLock resolves on purpose and takes it; the next build has nothing to do.
        var relocked = await other.DotnetAsync("build", trace: false, ["-t:M1EnvLock"]);
        Assert.True(relocked.Succeeded, relocked.ToString());
        Assert.True(relocked.Output.Contains($"The conda lock {LockName} changed: ~ pkga 2.0=0 -> 2.5=0.", StringComparison.Ordinal), relocked.ToString());
        Assert.Equal("pkga 2.5", Marker(other, "pkga"));
        Assert.Equal(Installed(other), Locked(File.ReadAllText(LockOf(other))));
        Assert.Contains("nothing to do", (await other.BuildAsync()).Output, StringComparison.Ordinal);
    }

    [CondaFact]
    public async Task Locked_mode_names_what_the_declaration_changed_and_changes_nothing()
    {
        var channel = await ChannelAsync();
        using var project = await ProjectAsync("pkgs");
        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="1.0" />"""));
        Assert.True((await project.BuildAsync()).Succeeded);
        var lockText = File.ReadAllText(LockOf(project));

        project.WriteEnvProject(Declaration(channel, """<CondaPackage Include="pkga" Version="2.0" /><CondaPackage Include="pkgc" />"""));
        var refused = await project.BuildAsync("-p:ContinuousIntegrationBuild=true");

        Assert.False(refused.Succeeded, refused.ToString());
        Assert.Contains("error M1E061:", refused.Output, StringComparison.Ordinal);
        Assert.Contains("pkgc is declared but not in the lock", refused.Output, StringComparison.Ordinal);
        Assert.Contains("pkga is locked for pkga==1.0, and the declaration says pkga==2.0", refused.Output, StringComparison.Ordinal);
        Assert.Equal(lockText, File.ReadAllText(LockOf(project)));
        Assert.Equal("pkga 1.0", Marker(project, "pkga"));
        Assert.Null(Marker(project, "pkgc"));
    }

    /// <remarks>Over HTTP: conda copies a <c>file://</c> package without checking its hash; it checks downloads.</remarks>
    [CondaFact]
    public async Task A_lock_whose_hash_does_not_match_the_download_fails_with_its_code_and_the_env_keeps_working()
    {
        var channel = await ChannelAsync();
        using var server = StaticFileServer.Start();
        foreach (var file in Directory.GetFiles(channel.Root, "*", SearchOption.AllDirectories))
        {
            server.Add(Path.GetRelativePath(channel.Root, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }

        var channelUrl = server.BaseUrl.TrimEnd('/');
        using var project = await ProjectAsync("pkgs");

        // A conda set up for these tests may be configured offline, where only file:// channels work.
        project.ExtraEnvironment["CONDA_OFFLINE"] = "false";
        project.WriteEnvProject(Declaration(channelUrl, """<CondaPackage Include="pkga" Version="1.0" />"""));
        var built = await project.BuildAsync();
        Assert.True(built.Succeeded, built.ToString());

        // A teammate's lock for pkga 2.0 whose hashes are not those of the file the channel serves.
        var tampered = File.ReadAllText(LockOf(project))
            .Replace("#   pkga==1.0", "#   pkga==2.0", StringComparison.Ordinal)
            .Replace("pkga-1.0-0.tar.bz2#", "pkga-2.0-0.tar.bz2#", StringComparison.Ordinal);
        tampered = System.Text.RegularExpressions.Regex.Replace(tampered, @"(pkga-2\.0-0\.tar\.bz2#)[0-9a-f]{32}\n# sha256:[0-9a-f]{64}", "${1}" + new string('0', 32) + "\n# sha256:" + new string('0', 64));
        File.WriteAllText(LockOf(project), tampered);
        project.WriteEnvProject(Declaration(channelUrl, """<CondaPackage Include="pkga" Version="2.0" />"""));

        var failed = await project.BuildAsync();

        Assert.False(failed.Succeeded, failed.ToString());
        Assert.Contains("error M1E062:", failed.Output, StringComparison.Ordinal);
        Assert.Equal("pkga 1.0", Marker(project, "pkga"));
        Assert.Equal("True", (await project.RunPythonAsync("demo", "import sys; print(sys.version_info[:2] == (3, 11))")).Output.Trim());
        Assert.Equal(tampered, File.ReadAllText(LockOf(project)));
    }
}
