using System.Text.RegularExpressions;

namespace M1Env.Tool.Tests;

/// <summary>Every command of the built tool, given bad input, ends in a coded line and a non-zero exit code, never a stack trace.</summary>
public sealed partial class CommandLineGuardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("m1env-bad-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Project => Path.Combine(BuiltTool.Repository, "samples", "quickstart", "quickstart.csproj");

    public static TheoryData<string, string[]> BadInput => new()
    {
        { "M1E091", ["probe", "--bogus"] },
        { "M1E091", ["nosuchcommand"] },
        { "M1E091", ["verify", "--size", "abc"] },
        { "M1E091", ["verify", "--repeat", "0", "--python", "python3"] },
        { "M1E093", ["verify", "--prefix", "/nonexistent/env"] },
        { "M1E070", ["verify", "--python", "/nonexistent/python"] },
        { "M1E008", ["plan", "--project", "/nonexistent/app.csproj"] },
        { "M1E008", ["provision", "--project", "/nonexistent"] },
        { "M1E008", ["doctor", "--project", "/nonexistent/app.csproj"] },
        { "M1E091", ["run", "--", "python"] },
        { "M1E008", ["run", "--project", "/nonexistent", "--env", "ml", "--", "python"] },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_a_coded_error(string code, string[] arguments)
    {
        var (exitCode, _, error) = BuiltTool.Run(arguments);

        AssertCoded(code, exitCode, error);
    }

    [Fact]
    public void An_unknown_env_is_a_coded_error_in_every_command_that_takes_one()
    {
        string[][] commands = [["verify"], ["plan"], ["run", "--", "python"]];
        foreach (var command in commands)
        {
            var (exitCode, _, error) = BuiltTool.Run([command[0], "--project", Project, "--env", "nope", .. command[1..]]);

            AssertCoded("M1E005", exitCode, error);
            Assert.Contains("--prefix", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_folder_with_no_project_is_a_coded_error_for_commands_that_need_one()
    {
        var (exitCode, _, error) = BuiltTool.Run("plan", "--project", folder);

        AssertCoded("M1E008", exitCode, error);
        Assert.Contains("No project file in", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_coded_line_and_exit_code_3_without_a_stack_trace()
    {
        var failing = new System.CommandLine.Command("fail");
        failing.SetAction((Func<System.CommandLine.ParseResult, int>)(_ => throw new InvalidOperationException("something broke")));
        var error = new StringWriter();

        var exitCode = await CommandLineGuard.InvokeAsync(new System.CommandLine.RootCommand { failing }, ["fail"], error);

        Assert.Equal(3, exitCode);
        Assert.Equal("error M1E092: m1env failed unexpectedly: InvalidOperationException: something broke", error.ToString().Trim());
    }

    private static void AssertCoded(string code, int exitCode, string error)
    {
        Assert.NotEqual(0, exitCode);
        Assert.Matches(CodedLine(), error);
        Assert.Contains($"error {code}:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), error);
    }

    [GeneratedRegex(@"^error M1E\d{3}: ", RegexOptions.Multiline)]
    private static partial Regex CodedLine();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
