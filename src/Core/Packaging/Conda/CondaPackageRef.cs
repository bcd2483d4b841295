using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Packaging.Conda;

/// <summary>
/// One package as conda or micromamba names it in a transaction or a listing, whichever of their
/// shapes it came in (conda's short <c>dist_name</c>/<c>base_url</c> entries, or whole package records).
/// </summary>
/// <param name="Channel">The channel in readable form (see <see cref="CondaChannelName"/>), or null when not said.</param>
/// <param name="Subdir">The platform subdir it came from (<c>noarch</c>, <c>osx-arm64</c>), or null when not said.</param>
public sealed record CondaPackageRef(string Name, string Version, string Build, string? Channel, string? Subdir)
{
    /// <summary>The package file's URL, credentials removed; only micromamba and conda's FETCH list write it.</summary>
    public string? Url { get; init; }

    public string? Md5 { get; init; }

    public string? Sha256 { get; init; }

    /// <summary><c>name-version-build</c>, the form conda's own messages and file names use.</summary>
    public string DistName => $"{Name}-{Version}-{Build}";

    public override string ToString() => Channel is null ? DistName : $"{Channel}::{DistName}";

    /// <summary>Reads one entry; null when it names no package (no name, version and build, even from <c>dist_name</c> or <c>fn</c>).</summary>
    internal static CondaPackageRef? FromJson(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var fromFileName = SplitDistName(CondaJson.Text(entry, "dist_name") ?? WithoutPackageExtension(CondaJson.Text(entry, "fn")));
        var name = CondaJson.Text(entry, "name") ?? fromFileName?.Name;
        var version = CondaJson.Text(entry, "version") ?? fromFileName?.Version;
        var build = CondaJson.Text(entry, "build") ?? CondaJson.Text(entry, "build_string") ?? fromFileName?.Build;
        if (name is null || version is null || build is null)
        {
            return null;
        }

        // conda's short entries name the channel twice: "base_url" (a URL) and "channel" (its last
        // segment, for a local channel), so the URL is the one both tools agree on.
        var channel = CondaJson.Text(entry, "base_url") ?? CondaJson.Text(entry, "channel");
        var url = CondaJson.Text(entry, "url");
        var subdir = CondaJson.Text(entry, "subdir") is { } s && CondaSubdirs.IsSubdir(s) ? s
            : CondaJson.Text(entry, "platform") is { } p && CondaSubdirs.IsSubdir(p) ? p
            : CondaChannelName.SubdirOf(CondaJson.Text(entry, "channel")) ?? CondaChannelName.SubdirOf(url);
        return new CondaPackageRef(name, version, build, CondaChannelName.Normalize(channel), subdir)
        {
            Url = url is null ? null : UrlRedactor.Redact(url),
            Md5 = CondaJson.Text(entry, "md5"),
            Sha256 = CondaJson.Text(entry, "sha256"),
        };
    }

    /// <summary>Splits <c>name-version-build</c> at its last two dashes (names may hold dashes, versions and builds not).</summary>
    internal static (string Name, string Version, string Build)? SplitDistName(string? distName)
    {
        if (distName is null)
        {
            return null;
        }

        // conda may prefix the channel: "conda-forge::numpy-1.26.4-py311h..."
        var text = distName[(distName.LastIndexOf("::", StringComparison.Ordinal) is var colons and >= 0 ? colons + 2 : 0)..];
        var last = text.LastIndexOf('-');
        var middle = last > 0 ? text.LastIndexOf('-', last - 1) : -1;
        return middle > 0 && last > middle + 1 && last < text.Length - 1
            ? (text[..middle], text[(middle + 1)..last], text[(last + 1)..])
            : null;
    }

    private static string? WithoutPackageExtension(string? fileName) =>
        fileName switch
        {
            null => null,
            _ when fileName.EndsWith(".tar.bz2", StringComparison.Ordinal) => fileName[..^".tar.bz2".Length],
            _ when fileName.EndsWith(".conda", StringComparison.Ordinal) => fileName[..^".conda".Length],
            _ => fileName,
        };
}
