using System.CommandLine;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tool;

/// <summary>
/// Runs a parsed command line so that every way it can end is a coded line and an exit code: a wrong
/// command line is M1E091 (exit 2), a coded error escaping a command is itself (exit 2), a cancel is
/// exit 130, and any other exception is M1E092 (exit 3) with its message, never a stack trace.
/// </summary>
internal static class CommandLineGuard
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter error)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var problem in parse.Errors)
                {
                    error.WriteLine($"error {ErrorCodes.InvalidCommandLine}: {problem.Message} (see '{CommandPath(parse)} --help')");
                }

                return 2;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (M1EnvException exception)
        {
            error.WriteLine($"error {exception.Code}: {exception.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception exception)
        {
            error.WriteLine($"error {ErrorCodes.UnexpectedFailure}: m1env failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
            return 3;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result?.Parent is { } parent; result = parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', ["m1env", .. names]);
    }
}
