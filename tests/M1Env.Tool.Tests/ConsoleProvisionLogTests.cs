using Spectre.Console.Testing;

namespace M1Env.Tool.Tests;

public class ConsoleProvisionLogTests
{
    [Fact]
    public async Task In_a_terminal_the_status_line_follows_each_step_down_to_pips_current_line()
    {
        var console = new TestConsole().Interactive();
        var log = new ConsoleProvisionLog(verbose: false, console);

        var result = await log.LiveAsync(() =>
        {
            log.Step("[demo] Creating venv 'demo' with CPython 3.11.7...");
            log.Detail("[demo] Collecting m1-alpha==1.0");
            return Task.FromResult(7);
        });

        Assert.Equal(7, result);
        // The step is a line of its own; pip's line only ever stood in the status line.
        Assert.Contains("[demo] Creating venv 'demo' with CPython 3.11.7...\n", console.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("[demo] Collecting m1-alpha==1.0", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_it_writes_the_steps_and_nothing_of_pip_without_verbose()
    {
        var console = new TestConsole();
        var log = new ConsoleProvisionLog(verbose: false, console);

        await log.LiveAsync(() =>
        {
            log.Step("[demo] Creating venv 'demo' with CPython 3.11.7...");
            log.Detail("[demo] Collecting m1-alpha==1.0");
            return Task.FromResult(0);
        });

        Assert.Contains("Creating venv 'demo'", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Collecting", console.Output, StringComparison.Ordinal);
    }
}
