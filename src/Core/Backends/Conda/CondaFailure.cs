using System.Text.Json;
using System.Text.RegularExpressions;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging.Conda;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Turns a failed conda, mamba or micromamba command into an error whose code and advice fit what
/// the tool said went wrong, quoting its own explanation.
/// </summary>
/// <remarks>
/// conda reports errors as JSON on stdout (<c>exception_name</c>, <c>message</c>); micromamba as
/// <c>{"solver_problems": [...], "success": false}</c>, or only on stderr
/// (<c>critical libmamba Multiple errors occured: ...</c>) when a channel cannot be read; mamba 2.9
/// keeps stderr empty with <c>--json</c> and puts the log records in the JSON's <c>log_history</c>.
/// </remarks>
public static partial class CondaFailure
{
    private static readonly string[] NotFoundExceptions =
        ["PackagesNotFoundError", "PackagesNotFoundInChannelsError", "PackageNotInstalledError", "PackagesNotFoundInPrefixError"];

    private static readonly string[] UnsatisfiableExceptions =
        ["UnsatisfiableError", "LibMambaUnsatisfiableError", "ResolvePackageNotFound", "SpecsConfigurationConflictError"];

    private static readonly string[] UnreachableExceptions =
        ["CondaHTTPError", "UnavailableInvalidChannel", "ChannelNotAllowed", "ChannelDenied", "ChannelError", "CondaSSLError", "ProxyError"];

    /// <summary>What libmamba writes (as of 1.5 and 2.x) when it cannot download or load a channel's repodata or a package.</summary>
    private static readonly string[] ChannelFailurePhrases =
    [
        "Multiple errors occured", "Multiple errors occurred", "Multi-download failed", "Download error (",
        "Could not load repodata", "Unable to retrieve repodata", "Could not resolve host", "Couldn't resolve host",
    ];

    /// <summary>What conda (<c>ChecksumMismatchError</c>, also inside a <c>CondaMultiError</c>) and libmamba write when a downloaded package does not match its hash.</summary>
    private static readonly string[] HashMismatchPhrases =
    [
        "mismatch between the expected content and downloaded content", "sum doesn't match", "sum does not match", "checksum mismatch",
        "Found incorrect downloads",
    ];

    /// <summary>All libmamba 2 says in <c>solver_problems</c> of a request it cannot meet, a missing package above all.</summary>
    private const string UnsupportedRequest = "unsupported request";

    [GeneratedRegex(@"Subdir \S+ not loaded", RegexOptions.CultureInvariant)]
    private static partial Regex SubdirNotLoaded();

    [GeneratedRegex(@"nothing provides requested (?<spec>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NothingProvidesRequested();

    /// <param name="result">The finished command; a successful exit whose stdout holds no successful result also fails here.</param>
    /// <param name="envName">The env the command worked on, for the message.</param>
    /// <param name="plainRerun">
    /// The same command run again without <c>--json</c>, or null. libmamba 2 answers a missing package
    /// with <c>--json</c> only by <c>"unsupported request"</c>; its readable explanation, read from
    /// here, is what tells a missing package from a conflict.
    /// </param>
    public static M1EnvException Explain(ProcessResult result, string envName, ProcessResult? plainRerun = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tool = ToolName(result.CommandLine);
        var env = $"the environment '{envName}'";
        if (result.TimedOut)
        {
            return Failure(ErrorCodes.CondaCommandFailed, $"{tool} ran past its time limit for {env} and was stopped. Check the network (a slow channel) and build again; its last lines follow.", result);
        }

        IReadOnlyList<string> logged = [];
        using (var document = CondaOutput.FinalJson(result.StandardOutput))
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
            {
                if (CondaJson.Text(root, "exception_name") is { } exceptionName)
                {
                    return FromCondaError(root, exceptionName, tool, env, result);
                }

                logged = LibmambaLog.FromLogHistory(root);
                if (root.TryGetProperty("solver_problems", out _))
                {
                    return FromSolverProblems(CondaJson.Strings(root, "solver_problems"), Explanation(logged, result, plainRerun), tool, env, result);
                }

                if (!root.TryGetProperty("success", out _) && CondaJson.Text(root, "error") is { } error)
                {
                    return Failure(ErrorCodes.CondaCommandFailed, $"{tool} failed for {env} (exit code {result.ExitCode}). {tool} says:\n{CondaQuote.Indented(error)}", result);
                }
            }
        }

        var explanation = Explanation(logged, result, plainRerun);
        if (explanation.Count > 0)
        {
            return FromLibmambaLog(explanation, tool, env, result);
        }

        return result.ExitCode == 0
            ? Failure(ErrorCodes.CondaCommandFailed, $"{tool} exited with code 0 for {env}, but its output holds no successful JSON result (it may be cut short or not JSON at all). Check that {tool} works and build again; its last lines follow.", result)
            : Failure(ErrorCodes.CondaCommandFailed, $"{tool} failed for {env} (exit code {result.ExitCode}); its last lines follow.", result);
    }

    /// <summary>
    /// What libmamba logged: 2.9's <c>log_history</c>, else this run's stderr, else the plain rerun's;
    /// the first that says more than that the solve failed, or else the first that says anything.
    /// </summary>
    private static IReadOnlyList<string> Explanation(IReadOnlyList<string> logged, ProcessResult result, ProcessResult? plainRerun)
    {
        // A rerun without libmamba's level prefixes (an older tool) is read whole.
        var rerun = plainRerun is null ? [] : LibmambaLog.FromStderr(plainRerun) is { Count: > 0 } lines ? lines : plainRerun.OutputTail;
        var said = new[] { logged, LibmambaLog.FromStderr(result), rerun }.Where(l => l.Count > 0).ToArray();
        return said.FirstOrDefault(LibmambaLog.Explains) ?? said.FirstOrDefault() ?? [];
    }

    private static M1EnvException FromCondaError(JsonElement root, string exceptionName, string tool, string env, ProcessResult result)
    {
        var said = CondaJson.Text(root, "message") ?? CondaJson.Text(root, "error") ?? exceptionName;
        var quote = CondaQuote.Indented(said);
        if (exceptionName == "ChecksumMismatchError" || HashMismatchPhrases.Any(p => said.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return HashMismatch(quote, tool, env, result);
        }

        // conda downloads in parallel and reports several failures as one CondaMultiError, each under "errors".
        var mismatches = CondaJson.Objects(root, "errors")
            .Where(e => CondaJson.Text(e, "exception_name") == "ChecksumMismatchError")
            .Select(e => CondaJson.Text(e, "message") ?? CondaJson.Text(e, "error"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (mismatches.Length > 0)
        {
            return HashMismatch(CondaQuote.Indented(string.Join("\n", mismatches)), tool, env, result);
        }

        if (NotFoundExceptions.Contains(exceptionName, StringComparer.Ordinal))
        {
            var packages = string.Join(", ", CondaJson.Strings(root, "packages"));
            var what = packages.Length > 0 ? packages : "a requested package";
            // conda raises the same exception when a package to remove is not in the prefix.
            var notInPrefix = exceptionName is "PackageNotInstalledError" or "PackagesNotFoundInPrefixError"
                || said.Contains("missing from the target environment", StringComparison.Ordinal);
            var advice = notInPrefix
                ? $"{Capitalize(env)} does not hold {what}, so {tool} cannot remove it. Check the package name."
                : $"{tool} could not find {what} for {env} in its channels. Check the package name and version, and the env's Channels.";
            return Failure(ErrorCodes.CondaPackagesNotFound, $"{advice} {tool} says:\n{quote}", result);
        }

        if (UnsatisfiableExceptions.Contains(exceptionName, StringComparer.Ordinal) || exceptionName.EndsWith("UnsatisfiableError", StringComparison.Ordinal))
        {
            return Unsatisfiable(quote, tool, env, result);
        }

        if (UnreachableExceptions.Contains(exceptionName, StringComparer.Ordinal))
        {
            return Unreachable(quote, tool, env, result);
        }

        return Failure(ErrorCodes.CondaCommandFailed, $"{tool} failed for {env} (exit code {result.ExitCode}) with {exceptionName}. {tool} says:\n{quote}", result);
    }

    /// <param name="problems">micromamba's <c>solver_problems</c>; 2.x writes only <c>"unsupported request"</c> for a missing package.</param>
    /// <param name="explanation">What libmamba logged besides (see <see cref="Explanation"/>): it wins when it says more than that the solve failed.</param>
    private static M1EnvException FromSolverProblems(IReadOnlyList<string> problems, IReadOnlyList<string> explanation, string tool, string env, ProcessResult result)
    {
        if (LibmambaLog.Explains(explanation))
        {
            return FromLibmambaLog(explanation, tool, env, result);
        }

        var named = problems.Where(p => p.Trim() != UnsupportedRequest).ToArray();
        if (named.Length == 0)
        {
            var hint = problems.Count > 0 ? $" (it says only \"{UnsupportedRequest}\": most often a package or version no channel of the env has)" : string.Empty;
            return Failure(ErrorCodes.CondaUnsatisfiable, $"{tool} could not solve {env} and named no reason{hint}. Check the package names and versions and the env's Channels, or loosen a version pin, then build again; its last lines follow.", result);
        }

        return FromLibmambaLog(named, tool, env, result, unsolved: true);
    }

    /// <summary>Classifies what libmamba said, from its solver problems or its log, and quotes it.</summary>
    /// <param name="unsolved">The lines are solver problems: what is not a missing package is a conflict.</param>
    private static M1EnvException FromLibmambaLog(IReadOnlyList<string> lines, string tool, string env, ProcessResult result, bool unsolved = false)
    {
        var text = string.Join("\n", lines);
        if (HashMismatchPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return HashMismatch(CondaQuote.Indented(text), tool, env, result);
        }

        if (ChannelFailurePhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)) || SubdirNotLoaded().IsMatch(text))
        {
            return Unreachable(CondaQuote.Indented(text), tool, env, result);
        }

        // The explanation starts with "Could not solve for environment specs", and the run ends with it again.
        var said = lines.Where((l, i) => l.Trim() != LibmambaLog.CouldNotSolve || !lines.Take(i).Any(p => p.Trim() == LibmambaLog.CouldNotSolve)).ToArray();
        var quote = CondaQuote.Indented(string.Join("\n", said));
        var missing = LibmambaMissingSpecs.In(lines)
            .Concat(lines.Select(l => NothingProvidesRequested().Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["spec"].Value))
            .ToArray();
        if (missing.Length > 0)
        {
            return Failure(
                ErrorCodes.CondaPackagesNotFound,
                $"{tool} could not find {string.Join(", ", missing)} for {env} in its channels. Check the package name and version, and the env's Channels. {tool} says:\n{quote}",
                result);
        }

        return unsolved || text.Contains(LibmambaLog.CouldNotSolve, StringComparison.Ordinal)
            ? Unsatisfiable(quote, tool, env, result)
            : Failure(ErrorCodes.CondaCommandFailed, $"{tool} failed for {env} (exit code {result.ExitCode}). {tool} says:\n{quote}", result);
    }

    private static M1EnvException Unsatisfiable(string quote, string tool, string env, ProcessResult result) =>
        Failure(
            ErrorCodes.CondaUnsatisfiable,
            $"{tool} found no set of packages for {env} that meets every requested spec. Loosen a version pin (or drop a package) in the env's declarations, then build again. {tool} says:\n{quote}",
            result);

    private static M1EnvException HashMismatch(string quote, string tool, string env, ProcessResult result) =>
        Failure(
            ErrorCodes.LockHashMismatch,
            $"A package {tool} downloaded for {env} does not match the hash its lock file (or its channel) records: the file on the channel changed, or the download was tampered with. Nothing was installed from it. If the channel really rebuilt the package, lock the env again; otherwise check the channel and the network. {tool} says:\n{quote}",
            result);

    private static M1EnvException Unreachable(string quote, string tool, string env, ProcessResult result) =>
        Failure(
            ErrorCodes.CondaChannelUnreachable,
            $"{tool} could not read a channel of {env}. Check the network and the channel URLs in the env's Channels, or point them at a reachable mirror. {tool} says:\n{quote}",
            result);

    private static M1EnvException Failure(string code, string message, ProcessResult result) =>
        new(code, UrlRedactor.Redact(message), result.Transcript);

    /// <summary>conda, mamba or micromamba, from the program the command line starts with.</summary>
    internal static string ToolName(string commandLine)
    {
        var text = commandLine.TrimStart();
        var program = text.StartsWith('"') ? text[1..].Split('"')[0] : text.Split(' ')[0];
        var name = program.Replace('\\', '/').Split('/')[^1].ToLowerInvariant();
        return name.Contains("micromamba", StringComparison.Ordinal) ? "micromamba"
            : name.Contains("mamba", StringComparison.Ordinal) ? "mamba"
            : "conda";
    }

    private static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
