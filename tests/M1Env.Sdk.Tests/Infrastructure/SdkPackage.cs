using System.Text.RegularExpressions;

namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>
/// The M1Env.Sdk package under test, packed once per test run into a private feed, and a private
/// NuGet package folder so every run extracts the freshly packed bits.
/// </summary>
internal sealed partial record SdkPackage(string Feed, string Version, string PackagesFolder)
{
    private static readonly Lazy<Task<SdkPackage>> Shared = new(PackAsync);

    [GeneratedRegex(@"^M1Env\.Sdk\.(?<version>\d.+)\.nupkg$")]
    private static partial Regex PackageFileName();

    public static Task<SdkPackage> GetAsync() => Shared.Value;

    private static async Task<SdkPackage> PackAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "m1env-sdk-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(root, "feed");
        var packages = Path.Combine(root, "packages");

        var pack = await TracedCommand.RunAsync(
            "dotnet",
            ["pack", RepositoryPaths.SdkProject, "-c", "Release", "-o", feed, "-nodeReuse:false", "-tl:off", "-nologo"],
            RepositoryPaths.Root,
            new Dictionary<string, string?>(),
            timeout: TimeSpan.FromMinutes(10));
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("dotnet pack failed: " + pack);
        }

        var version = Directory.GetFiles(feed, "M1Env.Sdk.*.nupkg")
            .Select(file => PackageFileName().Match(Path.GetFileName(file)))
            .Where(match => match.Success)
            .Select(match => match.Groups["version"].Value)
            .Single();
        return new SdkPackage(feed, version, packages);
    }
}
