using M1Env.Core.Engine;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine;

public sealed class EnvRootFolderTests : IDisposable
{
    private readonly TempDirectory temp = new("m1env-root");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_env_root_that_m1env_creates_gets_a_gitignore_that_ignores_everything()
    {
        var root = temp.Combine(".m1env");
        EnvRootFolder.EnsureParentOf(Path.Combine(root, "demo"), root + Path.DirectorySeparatorChar);

        Assert.Equal("*", File.ReadAllLines(Path.Combine(root, ".gitignore")).Last());
    }

    [Fact]
    public void A_folder_that_already_exists_or_is_not_the_env_root_is_left_alone()
    {
        var existing = temp.CreateSubdirectory("mine");
        EnvRootFolder.EnsureParentOf(Path.Combine(existing, "demo"), existing);
        Assert.False(File.Exists(Path.Combine(existing, ".gitignore")));

        var custom = temp.Combine("custom");
        EnvRootFolder.EnsureParentOf(Path.Combine(custom, "demo"), temp.Combine(".m1env"));
        Assert.True(Directory.Exists(custom));
        Assert.False(File.Exists(Path.Combine(custom, ".gitignore")));
    }
}
