using M1Env.Core.Backends.Venv;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python;

namespace M1Env.Core.Tests.Backends.Venv;

public class VenvFailureTests
{
    private static readonly PythonInterpreter Python = new("/usr/bin/python3.11", "3.11.2", "x86_64", "cpython");

    private static M1EnvException Explain(params string[] output) =>
        VenvFailure.Explain(new ProcessResult("python3.11 -m venv /env", 1, string.Empty, output), Python, "/env");

    [Fact]
    public void A_full_disk_is_a_file_system_error_that_says_so_not_a_missing_venv_module()
    {
        var error = Explain("Error: [Errno 28] No space left on device: '/env/lib/python3.11/site-packages/pip'");
        Assert.Equal(ErrorCodes.FileSystemError, error.Code);
        Assert.Contains("the disk is full", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("python3.11-venv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_python_without_venv_support_names_the_package_to_install()
    {
        var error = Explain("The virtual environment was not created successfully because ensurepip is not", "available.");
        Assert.Equal(ErrorCodes.VenvCreationFailed, error.Code);
        Assert.Contains("install python3.11-venv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anything_else_shows_the_output_without_a_guess()
    {
        var error = Explain("Error: something unexpected");
        Assert.Equal(ErrorCodes.VenvCreationFailed, error.Code);
        Assert.EndsWith("its output follows.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Error: something unexpected", error.ToolOutput);
    }
}
