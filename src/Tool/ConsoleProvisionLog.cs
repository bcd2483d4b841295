using M1Env.Core.Diagnostics;
using Spectre.Console;

namespace M1Env.Tool;

/// <summary>Core's progress on the console: steps always, tool output with --verbose, warnings in yellow on stderr.</summary>
internal sealed class ConsoleProvisionLog(bool verbose) : IProvisionLog
{
    public void Step(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

    public void Detail(string message)
    {
        if (verbose)
        {
            AnsiConsole.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
        }
    }

    public void Warning(string code, string message) => Console.Error.WriteLine($"warning {code}: {message}");
}
