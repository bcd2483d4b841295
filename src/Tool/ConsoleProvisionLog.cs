using M1Env.Core.Infrastructure.Diagnostics;
using Spectre.Console;

namespace M1Env.Tool;

/// <summary>
/// Core's progress on stderr (stdout carries results, JSON included): steps always, what pip and
/// conda print with --verbose, warnings with their code. In an interactive terminal, work run
/// through <see cref="LiveAsync{T}"/> also has a live status line under the steps: what is
/// happening now in each env, down to pip's or conda's current line (which package it collects,
/// downloads or installs).
/// </summary>
internal sealed class ConsoleProvisionLog(bool verbose, IAnsiConsole? console = null) : IProvisionLog
{
    private static readonly IAnsiConsole StandardError = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private readonly IAnsiConsole progress = console ?? StandardError;
    private readonly object gate = new();
    private StatusContext? live;

    /// <summary>Runs <paramref name="work"/> under the live status line where stderr is an interactive terminal and the lines are not all shown (no --verbose).</summary>
    public async Task<T> LiveAsync<T>(Func<Task<T>> work)
    {
        if (verbose || !progress.Profile.Capabilities.Interactive)
        {
            return await work();
        }

        return await progress.Status().StartAsync("Starting...", async context =>
        {
            lock (gate)
            {
                live = context;
            }

            try
            {
                return await work();
            }
            finally
            {
                lock (gate)
                {
                    live = null;
                }
            }
        });
    }

    public void Step(string message)
    {
        lock (gate)
        {
            progress.MarkupLine(Markup.Escape(message));
            Show(message);
        }
    }

    public void Detail(string message)
    {
        lock (gate)
        {
            if (verbose)
            {
                progress.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
            }
            else
            {
                Show(message);
            }
        }
    }

    public void Warning(string code, string message)
    {
        lock (gate)
        {
            progress.MarkupLine($"[yellow]warning {code}:[/] {Markup.Escape(message)}");
        }
    }

    /// <summary>The status line: one line of the terminal, whatever the message's length.</summary>
    private void Show(string message)
    {
        if (live is null || string.IsNullOrWhiteSpace(message))
        {
            return;
        }

        var width = Math.Max(20, progress.Profile.Width - 4);
        var line = message.ReplaceLineEndings(" ").Trim();
        live.Status(Markup.Escape(line.Length > width ? line[..(width - 1)] + "…" : line));
        live.Refresh();
    }
}
