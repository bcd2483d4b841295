using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Testing;

namespace M1Env.Core.Tests.Infrastructure.FileSystem;

public sealed class PathIdentityTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-paths");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_path_through_a_linked_folder_has_the_real_path_of_its_target()
    {
        var target = Directory.CreateDirectory(temp.Combine("real", "envs")).FullName;
        var link = temp.Combine("link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Equal(PathIdentity.RealPath(Path.Combine(target, "demo")), PathIdentity.RealPath(Path.Combine(link, "demo")));
        Assert.Equal(PathIdentity.RealPath(target), PathIdentity.RealPath(link + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void A_relative_link_and_a_chain_of_links_resolve_to_the_same_folder()
    {
        var target = Directory.CreateDirectory(temp.Combine("real")).FullName;
        Directory.CreateSymbolicLink(temp.Combine("first"), "real");
        Directory.CreateSymbolicLink(temp.Combine("second"), temp.Combine("first"));

        Assert.Equal(PathIdentity.RealPath(Path.Combine(target, "x", "y")), PathIdentity.RealPath(temp.Combine("second", "x", "y")));
    }

    [Fact]
    public void A_path_without_links_keeps_its_spelling_and_a_missing_tail_is_kept()
    {
        var real = PathIdentity.RealPath(temp.Path);
        Assert.Equal(Path.Combine(real, "not", "there"), PathIdentity.RealPath(Path.Combine(temp.Path, "not", "there")));
    }

    [Theory]
    [InlineData("/a/b", "/a/b", true)]
    [InlineData("/a/b/c", "/a/b", true)]
    [InlineData("/a/b/c", "/a/b/", true)]
    [InlineData("/a/bc", "/a/b", false)]
    [InlineData("/a", "/a/b", false)]
    [InlineData("/a/b", "/", true)]
    public void Tells_whether_a_path_is_a_folder_or_inside_it(string path, string folder, bool expected)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The cases are written as Unix paths.
        }

        Assert.Equal(expected, PathIdentity.IsSameOrInside(path, folder));
    }

    [Fact]
    public void A_link_loop_does_not_hang()
    {
        File.CreateSymbolicLink(temp.Combine("a"), temp.Combine("b"));
        File.CreateSymbolicLink(temp.Combine("b"), temp.Combine("a"));

        Assert.EndsWith("a", PathIdentity.RealPath(temp.Combine("a")), StringComparison.Ordinal);
    }
}
