using M1Env.Core.Packaging;
using M1Env.Core.Tests.Packaging.Markers;

namespace M1Env.Core.Tests.Packaging.Pep751;

/// <summary>Compatible tags in the order <c>packaging.tags.sys_tags()</c> gives them for CPython (abridged: abi3 back to cp32 and py3x back to py30).</summary>
internal static class TagSets
{
    public static TargetEnvironment LinuxX64(int minor = 11) => new("linux-x64", MarkerEnvironments.LinuxX64Cp311,
        CPython(minor, [.. Enumerable.Range(5, 31).Reverse().Select(glibc => $"manylinux_2_{glibc}_x86_64"), "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]));

    public static TargetEnvironment OsxArm64(int minor = 12) => new("osx-arm64", MarkerEnvironments.OsxArm64Cp312,
        CPython(minor, [.. Enumerable.Range(11, 4).Reverse().SelectMany(major => new[] { $"macosx_{major}_0_arm64", $"macosx_{major}_0_universal2" })]));

    public static TargetEnvironment WinX64(int minor = 13) => new("win-x64", MarkerEnvironments.WinX64Cp313Rc, CPython(minor, ["win_amd64"]));

    private static string[] CPython(int minor, string[] platforms)
    {
        var tags = new List<string>();
        tags.AddRange(platforms.Select(p => $"cp3{minor}-cp3{minor}-{p}"));
        tags.AddRange(platforms.Select(p => $"cp3{minor}-abi3-{p}"));
        tags.AddRange(platforms.Select(p => $"cp3{minor}-none-{p}"));
        for (var older = minor - 1; older >= 2; older--)
        {
            tags.AddRange(platforms.Select(p => $"cp3{older}-abi3-{p}"));
        }

        foreach (var py in new[] { $"py3{minor}", "py3" }.Concat(Enumerable.Range(0, minor).Reverse().Select(m => $"py3{m}")))
        {
            tags.AddRange(platforms.Select(p => $"{py}-none-{p}"));
        }

        tags.Add($"cp3{minor}-none-any");
        tags.Add($"py3{minor}-none-any");
        tags.Add("py3-none-any");
        tags.AddRange(Enumerable.Range(0, minor).Reverse().Select(m => $"py3{m}-none-any"));
        return [.. tags];
    }
}
