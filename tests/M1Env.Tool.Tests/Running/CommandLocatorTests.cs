using M1Env.Core.Infrastructure.Errors;
using M1Env.Tool.Running;

namespace M1Env.Tool.Tests.Running;

public sealed class CommandLocatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("m1env-locate-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Program(string folder, string name, bool executable = true)
    {
        Directory.CreateDirectory(Path.Combine(root, folder));
        var file = Path.Combine(root, folder, OperatingSystem.IsWindows() ? name + ".exe" : name);
        File.WriteAllText(file, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return file;
    }

    [Fact]
    public void The_envs_scripts_folder_comes_before_PATH()
    {
        var inEnv = Program("env/bin", "pip");
        Program("global", "pip");

        var found = CommandLocator.Locate("pip", [Path.Combine(root, "env/bin")], Path.Combine(root, "global"));

        Assert.Equal(inEnv, found);
    }

    [Fact]
    public void A_command_the_env_lacks_is_found_on_PATH()
    {
        var global = Program("global", "git");

        Assert.Equal(global, CommandLocator.Locate("git", [Path.Combine(root, "env/bin")], Path.Combine(root, "missing") + Path.PathSeparator + Path.Combine(root, "global")));
    }

    [Fact]
    public void A_file_that_is_not_executable_is_passed_over()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no execute bit.
        }

        Program("env/bin", "tool", executable: false);
        var global = Program("global", "tool");

        Assert.Equal(global, CommandLocator.Locate("tool", [Path.Combine(root, "env/bin")], Path.Combine(root, "global")));
    }

    [Fact]
    public void A_command_found_nowhere_is_a_coded_error_naming_the_scripts_folder()
    {
        var error = Assert.Throws<M1EnvException>(() => CommandLocator.Locate("jupyter", [Path.Combine(root, "env/bin")], Path.Combine(root, "global")));

        Assert.Equal(ErrorCodes.CommandNotFound, error.Code);
        Assert.Contains("'jupyter'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root, "env/bin"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_is_taken_as_given()
    {
        var script = Program("elsewhere", "train");

        Assert.Equal(script, CommandLocator.Locate(script, [Path.Combine(root, "env/bin")], null));
        Assert.Throws<M1EnvException>(() => CommandLocator.Locate(Path.Combine(root, "elsewhere", "nothing"), [], null));
    }
}
