using M1Env.Core.Diagnostics;
using Spectre.Console;

namespace M1Env.Tool;

/// <summary>
/// Core's progress on stderr (stdout carries results, JSON included): steps always, what pip and
/// conda print with --verbose, warnings with their code.
/// </summary>
internal sealed class ConsoleProvisionLog(bool verbose) : IProvisionLog
{
    private static readonly IAnsiConsole Progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public void Step(string message) => Progress.MarkupLine(Markup.Escape(message));

    public void Detail(string message)
    {
        if (verbose)
        {
            Progress.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
        }
    }

    public void Warning(string code, string message) => Progress.MarkupLine($"[yellow]warning {code}:[/] {Markup.Escape(message)}");
}
