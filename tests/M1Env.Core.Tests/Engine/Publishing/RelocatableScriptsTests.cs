using M1Env.Core.Engine.Publishing;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine.Publishing;

public sealed class RelocatableScriptsTests : IDisposable
{
    private readonly TempDirectory work = new("m1env-scripts");

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task A_script_of_the_published_python_runs_it_from_wherever_the_folder_moved()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var home = work.CreateSubdirectory("home");
        var bin = Directory.CreateDirectory(Path.Combine(home, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "python3"), PythonFinder.Find());
        var script = Path.Combine(bin, "hello");
        await File.WriteAllTextAsync(script, $"#!{Path.Combine(bin, "python3")}\nimport sys\nprint('hello from', sys.argv[0])\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var foreign = Path.Combine(bin, "other");
        await File.WriteAllTextAsync(foreign, "#!/usr/bin/env python3\nprint('untouched')\n");

        var rewritten = RelocatableScripts.Rewrite(bin, home);
        var moved = work.Combine("moved");
        Directory.Move(home, moved);
        var run = await ExternalCommand.RunAsync(Path.Combine(moved, "bin", "hello"), []);

        Assert.Equal(1, rewritten);
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains("hello from " + Path.Combine(moved, "bin", "hello"), run.Output, StringComparison.Ordinal);
        Assert.StartsWith("#!/usr/bin/env python3", await File.ReadAllTextAsync(Path.Combine(moved, "bin", "other")), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(moved, "bin", "hello")) & UnixFileMode.UserExecute);
    }
}
