using M1Env.Core.Backends.Conda.Bootstrap;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

public sealed class MiniforgeInstallerTests
{
    [Fact]
    public void A_unix_installer_runs_with_bash_in_batch_mode()
    {
        var (executable, arguments) = MiniforgeInstaller.CommandLine("/tools/dl/Miniforge3-25.3.1-0-Linux-x86_64.sh", windowsInstaller: false, "/tools/miniforge3");

        Assert.Equal("bash", executable);
        Assert.Equal(["/tools/dl/Miniforge3-25.3.1-0-Linux-x86_64.sh", "-b", "-p", "/tools/miniforge3"], arguments);
    }

    [Fact]
    public void A_windows_installer_runs_silently_for_this_user_with_the_folder_last()
    {
        var (executable, arguments) = MiniforgeInstaller.CommandLine(@"C:\tools\dl\Miniforge3-25.3.1-0-Windows-x86_64.exe", windowsInstaller: true, @"C:\tools\miniforge3");

        Assert.Equal(@"C:\tools\dl\Miniforge3-25.3.1-0-Windows-x86_64.exe", executable);
        Assert.Equal(["/InstallationType=JustMe", "/RegisterPython=0", "/AddToPath=0", "/S", @"/D=C:\tools\miniforge3"], arguments);
    }
}
