using M1Env.Core.Packaging;

namespace M1Env.Core.Tests.Packaging;

/// <summary>Console scripts' launchers, as pip's distlib writes them.</summary>
public sealed class ConsoleScriptTests
{
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
}
