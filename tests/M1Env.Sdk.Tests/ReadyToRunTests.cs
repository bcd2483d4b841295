using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using M1Env.Sdk.Tests.Infrastructure;
using M1Env.Testing;

namespace M1Env.Sdk.Tests;

/// <summary>
/// The task assembly ships compiled ahead of time for .NET 10 per runtime (tasks/readytorun/&lt;rid&gt;/)
/// beside its IL build (tasks/net8.0/), and a build loads the one for the runtime it runs on.
/// </summary>
public sealed class ReadyToRunTests : IDisposable
{
    /// <summary>The runtimes the package is compiled for, and the PE machine their images declare (the architecture's, xor the OS's mark).</summary>
    private static readonly Dictionary<string, ushort> Runtimes = new()
    {
        ["linux-x64"] = (ushort)Machine.Amd64 ^ 0x7B79,
        ["linux-arm64"] = (ushort)Machine.Arm64 ^ 0x7B79,
        ["osx-x64"] = (ushort)Machine.Amd64 ^ 0x4644,
        ["osx-arm64"] = (ushort)Machine.Arm64 ^ 0x4644,
        ["win-x64"] = (ushort)Machine.Amd64,
    };

    private readonly TempDirectory temp = new("m1env-readytorun");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Each_runtime_gets_the_IL_builds_files_compiled_for_it()
    {
        var package = await SdkPackage.GetAsync();
        using var archive = ZipFile.OpenRead(Directory.GetFiles(package.Feed, "M1Env.Sdk.*.nupkg").Single());
        var il = Folder(archive, "tasks/net8.0/");
        Assert.Contains("M1Env.Tasks.dll", il.Keys);
        Assert.All(il.Where(file => file.Key.EndsWith(".dll", StringComparison.Ordinal)), file => Assert.Null(ReadyToRunMachine(file.Value)));

        var folders = archive.Entries.Where(e => e.FullName.StartsWith("tasks/readytorun/", StringComparison.Ordinal)).Select(e => e.FullName.Split('/')[2]).Distinct();
        Assert.Equal(Runtimes.Keys.Order(), folders.Order());
        foreach (var (runtime, machine) in Runtimes)
        {
            var compiled = Folder(archive, $"tasks/readytorun/{runtime}/");
            Assert.Equal(il.Keys.Order(), compiled.Keys.Order());
            foreach (var (name, entry) in compiled.Where(file => file.Key.EndsWith(".dll", StringComparison.Ordinal)))
            {
                Assert.True(ReadyToRunMachine(entry) == machine, $"{runtime}/{name} is not compiled for {runtime}: machine {ReadyToRunMachine(entry):x4}");
                // Compiled from the very assembly the IL build ships (not another target framework's build of a package), so any runtime can fall back to it.
                Assert.True(ModuleVersionId(il[name]) == ModuleVersionId(entry), $"{runtime}/{name} is not compiled from tasks/net8.0/{name}");
            }
        }
    }

    [Fact]
    public async Task Packing_writes_its_ahead_of_time_builds_under_artifacts_not_into_the_sources()
    {
        await SdkPackage.GetAsync();

        var status = await ExternalCommand.RunAsync("git", ["-C", RepositoryPaths.Root, "status", "--porcelain", "--ignored", "--", "src"]);

        Assert.True(status.Succeeded, status.ToString());
        Assert.DoesNotContain(status.StandardOutput.Split('\n'), line => line.StartsWith("!!", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_runs_the_task_compiled_for_its_runtime()
    {
        using var project = await TestProject.CreateAsync();
        File.WriteAllText(project.ProjectPath, $"""
            <Project Sdk="M1Env.Sdk/{project.Sdk.Version}">
              <ItemGroup>
                <PythonEnv Include="aot" Python="3.11" />
              </ItemGroup>
            </Project>
            """);

        // The runtime names every method it compiles at run time (a release runtime's switch, .NET 8 and later).
        var compiledAtRunTime = temp.Combine("jit.txt");
        project.ExtraEnvironment["DOTNET_JitStdOutFile"] = compiledAtRunTime;
        project.ExtraEnvironment["DOTNET_JitDisasmSummary"] = "1";

        var build = await project.DotnetAsync("build", trace: false, ["-v:d"]);

        Assert.True(build.Succeeded, build.ToString());
        // MSBuild logs where each assembly the task loads came from: the task's own folder, for its dependencies too.
        var folder = Path.Combine(project.Sdk.PackagesFolder, "m1env.sdk", project.Sdk.Version.ToLowerInvariant(), "tasks", ExpectedFolder);
        Assert.Contains($"(location: {Path.Combine(folder, "M1Env.Tasks.dll")}", build.Output, StringComparison.Ordinal);
        Assert.Contains($"(location: {Path.Combine(folder, "M1Env.Core.dll")}", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(project.PythonOf("aot")));
        if (ExpectedFolder != "net8.0")
        {
            // The images hold M1Env's own code, the task's included (which needs MSBuild among the compiler's references).
            var jitted = File.ReadAllLines(compiledAtRunTime);
            Assert.Contains(jitted, line => line.Contains("JIT compiled ", StringComparison.Ordinal));
            Assert.DoesNotContain(jitted, line => line.Contains("JIT compiled M1Env.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_a_build_for_its_runtime_MSBuild_loads_the_IL_build()
    {
        var package = await SdkPackage.GetAsync();
        var extracted = temp.Combine("package");
        ZipFile.ExtractToDirectory(Directory.GetFiles(package.Feed, "M1Env.Sdk.*.nupkg").Single(), extracted);
        var project = temp.Combine("env.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{extracted}/Sdk/Sdk.props" />
              <ItemGroup>
                <PythonEnv Include="aot" Python="3.11" />
              </ItemGroup>
              <Import Project="{extracted}/Sdk/Sdk.targets" />
            </Project>
            """);

        foreach (var runtime in Runtimes.Keys.Where(r => r != RuntimeInformation.RuntimeIdentifier))
        {
            Directory.Delete(Path.Combine(extracted, "tasks", "readytorun", runtime), recursive: true);
        }

        Assert.Equal($"{extracted}/tasks/{ExpectedFolder}/M1Env.Tasks.dll", await TaskAssemblyAsync(project));

        Directory.Delete(Path.Combine(extracted, "tasks", "readytorun"), recursive: true);
        Assert.Equal($"{extracted}/tasks/net8.0/M1Env.Tasks.dll", await TaskAssemblyAsync(project));
    }

    /// <summary>The task folder a build on this machine should load: its runtime's, where the package has one.</summary>
    private static string ExpectedFolder =>
        Runtimes.ContainsKey(RuntimeInformation.RuntimeIdentifier) ? $"readytorun/{RuntimeInformation.RuntimeIdentifier}" : "net8.0";

    /// <summary>The task assembly the project's evaluation picks, as a full path with forward slashes.</summary>
    private static async Task<string> TaskAssemblyAsync(string project)
    {
        var evaluation = await ExternalCommand.RunAsync("dotnet", ["msbuild", project, "-getProperty:M1EnvTasksAssembly", "-nologo"]);
        Assert.True(evaluation.Succeeded, evaluation.ToString());
        return Path.GetFullPath(evaluation.StandardOutput.Trim().Replace('\\', '/'));
    }

    private static Dictionary<string, ZipArchiveEntry> Folder(ZipArchive archive, string prefix) =>
        archive.Entries
            .Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.FullName.Length > prefix.Length)
            .ToDictionary(e => e.FullName[prefix.Length..], StringComparer.Ordinal);

    /// <summary>The PE machine of a ReadyToRun image, or null for an IL-only assembly.</summary>
    private static ushort? ReadyToRunMachine(ZipArchiveEntry entry)
    {
        using var reader = new PEReader(Contents(entry));
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0 ? (ushort)reader.PEHeaders.CoffHeader.Machine : null;
    }

    /// <summary>The module's MVID, which ReadyToRun compilation keeps.</summary>
    private static Guid ModuleVersionId(ZipArchiveEntry entry)
    {
        using var reader = new PEReader(Contents(entry));
        var metadata = reader.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    private static MemoryStream Contents(ZipArchiveEntry entry)
    {
        var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        return stream;
    }
}
