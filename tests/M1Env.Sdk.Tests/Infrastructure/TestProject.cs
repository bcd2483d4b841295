using System.Security;
using M1Env.Testing;

namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>A project in a temporary folder that consumes the packed SDK from a local feed, built with the real dotnet.</summary>
internal sealed class TestProject : IDisposable
{
    private readonly TempDirectory directory;

    private TestProject(SdkPackage sdk, TempDirectory directory, string fileName)
    {
        Sdk = sdk;
        this.directory = directory;
        ProjectPath = Path.Combine(directory.Path, fileName);
        ToolsDirectory = Path.Combine(directory.Path, "tools");
        WriteNuGetConfig(sdk.Feed);
    }

    public SdkPackage Sdk { get; }

    public string Directory => directory.Path;

    public string ProjectPath { get; }

    public string ToolsDirectory { get; }

    public static async Task<TestProject> CreateAsync(string fileName = "env.proj") =>
        new(await SdkPackage.GetAsync(), new TempDirectory(), fileName);

    /// <summary>
    /// Also restores from this machine's NuGet folder, for projects that need more than the SDK under
    /// test (the targeting pack of another .NET, which building M1Env itself already put there).
    /// </summary>
    public void AllowMachinePackages() =>
        WriteNuGetConfig(Sdk.Feed, MachinePackages);

    /// <summary>Also restores from nuget.org, for a reference assembly package no local folder has (NETStandard.Library).</summary>
    public void AllowNuGetOrg() =>
        WriteNuGetConfig(Sdk.Feed, MachinePackages, "https://api.nuget.org/v3/index.json");

    private static string MachinePackages =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    // The SDK under test comes only from its own feed, never from a folder that holds an older build of the same version.
    private void WriteNuGetConfig(params string[] sources) =>
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
            {string.Join(System.Environment.NewLine, sources.Select((source, i) => $"    <add key=\"source{i}\" value=\"{SecurityElement.Escape(source)}\" />"))}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="source0"><package pattern="M1Env.Sdk" /></packageSource>
            {string.Join(System.Environment.NewLine, sources.Skip(1).Select((_, i) => $"    <packageSource key=\"source{i + 1}\"><package pattern=\"*\" /></packageSource>"))}
              </packageSourceMapping>
            </configuration>
            """);

    public string PrefixOf(string env) => Path.Combine(Directory, ".m1env", env);

    public string PythonOf(string env) => VenvPython(PrefixOf(env));

    public static string VenvPython(string prefix) =>
        OperatingSystem.IsWindows() ? Path.Combine(prefix, "Scripts", "python.exe") : Path.Combine(prefix, "bin", "python");

    /// <summary>Writes an env-only project: <c>&lt;Project Sdk="M1Env.Sdk/version"&gt;</c> around the given XML.</summary>
    public void WriteEnvProject(string body) =>
        File.WriteAllText(ProjectPath, $"""
            <Project Sdk="M1Env.Sdk/{Sdk.Version}">
            {body}
            </Project>
            """);

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public Task<CommandResult> BuildAsync(params string[] extraArguments) => DotnetAsync("build", trace: false, extraArguments);

    public Task<CommandResult> BuildTracedAsync(params string[] extraArguments) => DotnetAsync("build", trace: TracedCommand.CanTrace, extraArguments);

    public Task<CommandResult> CleanAsync() => DotnetAsync("clean", trace: false, []);

    public Task<CommandResult> DotnetAsync(string verb, bool trace, IEnumerable<string> extraArguments, Func<string, bool>? killWhen = null) =>
        TracedCommand.RunAsync(
            "dotnet",
            [verb, ProjectPath, "-nodeReuse:false", "-tl:off", "-v:n", "-nologo", $"-p:M1EnvToolsDir={ToolsDirectory}", .. extraArguments],
            Directory,
            Environment(),
            trace,
            killWhen: killWhen);

    /// <summary>Variables every dotnet this project runs gets besides the fixed ones (a conda package cache of its own).</summary>
    public Dictionary<string, string?> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Environment() => new(ExtraEnvironment)
    {
        ["NUGET_PACKAGES"] = Sdk.PackagesFolder,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    /// <summary>Runs the env's own interpreter, as a user would after the build.</summary>
    public Task<CommandResult> RunPythonAsync(string env, string code) =>
        TracedCommand.RunAsync(PythonOf(env), ["-c", code], Directory, new Dictionary<string, string?>());

    public void Dispose() => directory.Dispose();
}
