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
        IEnumerable<PythonCandidate> candidates = search.Candidates;
        if (preferred is not null && File.Exists(preferred))
        {
            candidates = candidates.Prepend(new PythonCandidate(preferred, VersionHint: null, "the interpreter the existing environment was made from"));
        }

        var considered = new List<string>();
        var seenTargets = new HashSet<string>(PathIdentity.Comparer);

        var ordered = preferred is not null && File.Exists(preferred)
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
                log.Step($"Using {result.Interpreter}: the first CPython {request} found ({candidate.Source}{skipped}).");
                return result.Interpreter!;
            }

            considered.Add($"{candidate.Path}: {rejection}");
        }

        throw new M1EnvException(ErrorCodes.PythonNotFound, DescribeFailure(request, search.SearchedLocations, considered));
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

    private static string DescribeFailure(PythonRequest request, IReadOnlyList<string> searched, List<string> considered)
    {
        var lines = new List<string>
        {
            $"No CPython {request} that can create a venv was found.",
            "Install one (python.org, Homebrew 'brew install python@X.Y', 'pyenv install X.Y', or your distribution's python3-venv) or change Python=\"...\" on the environment.",
            "Looked in: " + string.Join(", ", searched),
        };
        if (considered.Count > 0)
        {
            lines.Add("Interpreters found but not usable:");
            lines.AddRange(considered.Select(c => "  " + c));
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
