using M1Env.Core.Pip;

namespace M1Env.Core.Tests.Pip;

/// <summary>Console scripts' launchers, as pip's distlib writes them.</summary>
public sealed class ConsoleScriptTests
{
    private const string Body = "# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\n";

    [Fact]
    public void A_short_path_is_a_plain_shebang() =>
        Assert.Equal("#!/work/env/bin/python\n", ConsoleScript.Launch("/work/env/bin/python"));

    [Fact]
    public void A_path_with_a_space_is_run_through_sh_and_quoted() =>
        Assert.Equal("#!/bin/sh\n'''exec' \"/my envs/e/bin/python\" \"$0\" \"$@\"\n' '''", ConsoleScript.Launch("/my envs/e/bin/python"));

    [Fact]
    public void A_path_too_long_for_the_kernel_is_run_through_sh()
    {
        var python = "/" + new string('d', 200) + "/bin/python";
        Assert.Equal(OperatingSystem.IsMacOS() ? $"#!{python}\n" : $"#!/bin/sh\n'''exec' {python} \"$0\" \"$@\"\n' '''", ConsoleScript.Launch(python));
    }

    [Theory]
    [InlineData("#!/old/env/bin/python\n")]
    [InlineData("#!/bin/sh\n'''exec' \"/old env/bin/python\" \"$0\" \"$@\"\n' '''")]
    public void The_body_is_what_follows_either_launcher(string launcher) =>
        Assert.Equal(Body, ConsoleScript.Body(launcher + Body));

    [Fact]
    public void A_launcher_and_a_body_make_the_script_pip_would_write() =>
        Assert.Equal("#!/new/bin/python\n" + Body, ConsoleScript.Launch("/new/bin/python") + ConsoleScript.Body("#!/old/bin/python3.11\n" + Body));
}
