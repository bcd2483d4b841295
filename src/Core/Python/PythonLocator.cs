using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Machine;

namespace M1Env.Core.Python;

/// <summary>
/// Finds a CPython that satisfies a <see cref="PythonRequest"/> and can make a venv. Paths whose
/// name already tells the version (python3.11, pyenv's 3.11.7) are judged without starting them;
/// the rest are probed, one short process each, until one fits.
/// </summary>
public sealed class PythonLocator(PythonCandidateSources sources, InterpreterProbe probe, IProvisionLog log, bool hostIsAppleSilicon)
{
    public PythonLocator(PythonCandidateSources sources, InterpreterProbe probe, IProvisionLog log)
        : this(sources, probe, log, HostPlatform.IsAppleSilicon)
    {
    }

    /// <param name="preferred">Tried first when it exists: the interpreter an existing env was made from, so a
    /// build that lost its records keeps the env's interpreter instead of whichever comes first on PATH.</param>
    public async Task<PythonInterpreter> LocateAsync(PythonRequest request, CancellationToken cancellationToken, string? preferred = null)
    {
        var search = sources.Enumerate();
        var found = await FindAsync(request, search, cancellationToken, preferred).ConfigureAwait(false);
        if (found.Interpreter is null)
        {
            throw new M1EnvException(ErrorCodes.PythonNotFound, DescribeFailure(request, found));
        }

        log.Step($"Using {found.Interpreter}: {found.Why}.");
        return found.Interpreter;
    }

    /// <summary>The first interpreter of <paramref name="search"/> that fits, or none, with what was looked at; logs nothing.</summary>
    public async Task<PythonFound> FindAsync(PythonRequest request, PythonSearch search, CancellationToken cancellationToken, string? preferred = null)
    {
        IEnumerable<PythonCandidate> candidates = search.Candidates;
        var hasPreferred = preferred is not null && File.Exists(preferred);
        if (hasPreferred)
        {
            candidates = candidates.Prepend(new PythonCandidate(preferred!, VersionHint: null, "the interpreter the existing environment was made from"));
        }

        var considered = new List<string>();
        var seenTargets = new HashSet<string>(PathIdentity.Comparer);

        var ordered = hasPreferred
            ? candidates
            : candidates.Where(c => c.VersionHint is not null).Concat(candidates.Where(c => c.VersionHint is null));
        foreach (var candidate in ordered)
        {
            if (candidate.VersionHint is { } hint && !HintMayMatch(hint, request))
            {
                continue;
            }

            if (!seenTargets.Add(ResolveTarget(candidate.Path)))
            {
                continue;
            }

            var result = await probe.ProbeAsync(candidate.Path, cancellationToken).ConfigureAwait(false);
            var rejection = result.RejectionReason ?? Judge(result, request, hostIsAppleSilicon);
            if (rejection is null)
            {
                var skipped = considered.Count == 0 ? string.Empty : $"; {considered.Count} found before it did not fit";
                return new PythonFound(result.Interpreter, $"the first CPython {request} found ({candidate.Source}{skipped})", search.SearchedLocations, considered);
            }

            considered.Add($"{candidate.Path}: {rejection}");
        }

        return new PythonFound(null, string.Empty, search.SearchedLocations, considered);
    }

    internal static bool HintMayMatch(Version hint, PythonRequest request) =>
        hint.Major == request.Major
        && (request.Minor is null || hint.Minor == request.Minor)
        && (request.Micro is null || hint.Build < 0 || hint.Build == request.Micro);

    internal static string? Judge(ProbeResult result, PythonRequest request, bool hostIsAppleSilicon)
    {
        var interpreter = result.Interpreter!;
        if (!string.Equals(interpreter.Implementation, "cpython", StringComparison.OrdinalIgnoreCase))
        {
            return $"{interpreter.Implementation} {interpreter.Version}, not CPython";
        }

        if (!request.IsSatisfiedBy(interpreter.ParsedVersion))
        {
            return $"CPython {interpreter.Version}, not {request}";
        }

        // An x86_64 Python on Apple Silicon runs under Rosetta: Metal, MPS and arm64 wheels all fail in it.
        if (hostIsAppleSilicon && interpreter.Machine is "x86_64" or "i386")
        {
            return $"CPython {interpreter.Version} for {interpreter.Machine}, which runs under Rosetta on this Apple Silicon Mac; use an arm64 Python (Homebrew in /opt/homebrew, python.org universal2, pyenv)";
        }

        if (result.IsVenv)
        {
            return $"CPython {interpreter.Version} inside a virtual environment";
        }

        return result.CanMakeVenv
            ? null
            : $"CPython {interpreter.Version} without the venv/ensurepip modules (on Debian/Ubuntu: apt-get install python{interpreter.ParsedVersion.Major}.{interpreter.ParsedVersion.Minor}-venv)";
    }

    /// <param name="advice">What to do instead, when the default (install one, or change the version) does not say it all.</param>
    public static string DescribeFailure(PythonRequest request, PythonFound found, string? advice = null)
    {
        var lines = new List<string>
        {
            $"No CPython {request} that can create a venv was found.",
            advice ?? "Install one (python.org, Homebrew 'brew install python@X.Y', 'pyenv install X.Y', or your distribution's python3-venv) or change Python=\"...\" on the environment.",
            "Looked in: " + string.Join(", ", found.SearchedLocations),
        };
        if (found.Considered.Count > 0)
        {
            lines.Add("Interpreters found but not usable:");
            lines.AddRange(found.Considered.Select(c => "  " + c));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string ResolveTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }
}
