using System.Text.Json;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// Resolves requirements to exact files with pip's own resolver and its report (pip 22.2+): installing
/// nothing (<c>pip install --dry-run --ignore-installed --report</c>), or, for an env whose own
/// interpreter is <paramref name="python"/>, by installing what changed (<see cref="InstallAsync"/>).
/// </summary>
/// <param name="python">The interpreter whose pip resolves; for <see cref="PipResolveTarget.ThisPython"/> also the one whose platform and markers count.</param>
/// <param name="scratchRoot">Where pip's report and the constraints file are written, in a folder deleted afterwards; the temp folder when null.</param>
/// <param name="launcher">The pip that resolves (<see cref="PipLauncher"/>): the interpreter's bundled wheel where it has one, so neither the env's pip nor the base interpreter's decides; by default the interpreter's own.</param>
public sealed class PipResolver(ProcessRunner runner, string python, PackageSourceSettings sources, string? scratchRoot = null, PipLauncher? launcher = null)
{
    private readonly PipLauncher pipLauncher = launcher ?? PipLauncher.EnvsOwn;

    /// <exception cref="M1EnvException">pip failed (<see cref="ErrorCodes.PackageNotOnIndex"/> when a package or a wheel for the target is missing, otherwise <see cref="ErrorCodes.PipInstallFailed"/>), or an artifact has no sha256.</exception>
    public Task<PipResolution> ResolveAsync(IReadOnlyList<PipRequirement> requirements, PipResolveTarget target, CancellationToken cancellationToken) =>
        ResolveAsync(requirements, target, new Dictionary<string, string>(), [], cancellationToken);

    /// <summary>
    /// Resolves again, keeping packages where the current lock has them: each of <paramref name="pinned"/>
    /// (name to exact version) becomes a pip constraint, except the names in <paramref name="update"/>,
    /// which pip may move. A pinned package that nothing requires any more is simply left out.
    /// </summary>
    /// <exception cref="ArgumentException">A pin is not a package name and a plain version.</exception>
    public async Task<PipResolution> ResolveAsync(
        IReadOnlyList<PipRequirement> requirements,
        PipResolveTarget target,
        IReadOnlyDictionary<string, string> pinned,
        IEnumerable<string> update,
        CancellationToken cancellationToken)
    {
        var constraints = PipResolveArguments.Constraints(pinned, update);
        return await WithReportAsync(constraints, async (scratch, report, constraintsFile) =>
        {
            IReadOnlyList<string> pip = pipLauncher.Launch(["-m", "pip"]);
            IReadOnlyDictionary<string, string?>? environment = null;
            if (target.Platform is { } platform && target.PythonVersion is { } version)
            {
                var script = Path.Combine(scratch, ForeignMarkerScript.FileName);
                await File.WriteAllTextAsync(script, ForeignMarkerScript.Source, cancellationToken).ConfigureAwait(false);
                pip = [script];
                environment = new Dictionary<string, string?>(pipLauncher.ScriptEnvironment())
                {
                    [ForeignMarkerScript.VariableName] = JsonSerializer.Serialize(platform.MarkerEnvironment(version)),
                };
            }

            var arguments = PipResolveArguments.Resolve(
                pip, sources, requirements, target, report, Path.Combine(scratch, "target"), constraintsFile);
            var result = await runner.RunAsync(python, arguments, streamToLog: true, cancellationToken, environment: environment).ConfigureAwait(false);
            return result.Succeeded ? result : throw await ExplainAsync(result, target, requirements, constraints, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves by installing, for an env whose own interpreter is <c>python</c>: one <c>pip install
    /// --report</c> resolves the requirements around what the env holds (each pin a constraint),
    /// installs what changed and reports it. The resolution holds only what this run installed: what
    /// was there already and still fits is not in pip's report.
    /// </summary>
    /// <exception cref="M1EnvException">As for <see cref="ResolveAsync(IReadOnlyList{PipRequirement}, PipResolveTarget, CancellationToken)"/>; pip resolves before it installs, so a failed resolution leaves the env as it was.</exception>
    public async Task<PipResolution> InstallAsync(IReadOnlyList<PipRequirement> requirements, IReadOnlyDictionary<string, string> pinned, CancellationToken cancellationToken)
    {
        var constraints = PipResolveArguments.Constraints(pinned, []);
        return await WithReportAsync(constraints, async (_, report, constraintsFile) =>
        {
            var result = await runner.RunAsync(python, pipLauncher.Launch(PipResolveArguments.InstallAndReport(sources, requirements, report, constraintsFile)), streamToLog: true, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? result : throw await ExplainAsync(result, PipResolveTarget.ThisPython, requirements, constraints, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The failure as a coded error; a pinned version pip found no file of is looked up in the sources, to say which platforms its files are for.</summary>
    private async Task<M1EnvException> ExplainAsync(ProcessResult result, PipResolveTarget target, IReadOnlyList<PipRequirement> requirements, string constraints, CancellationToken cancellationToken)
    {
        var filesFor = PipResolveFailure.MissingPin(result) is { } pin
            ? await PipVersionFiles.PlatformsAsync(sources, pin.Name, pin.Version, cancellationToken).ConfigureAwait(false)
            : null;
        return PipResolveFailure.Explain(result, target, requirements, constraints.Count(c => c == '\n'), sources, filesFor, pipLauncher);
    }

    /// <summary>Runs pip in a scratch folder (its report file, the constraints file) and reads the report it wrote.</summary>
    private async Task<PipResolution> WithReportAsync(
        string constraints,
        Func<string, string, string?, Task<ProcessResult>> runPip,
        CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateDirectory(Path.Combine(scratchRoot ?? Path.GetTempPath(), $"m1env-resolve-{Guid.NewGuid():N}")).FullName;
        try
        {
            var report = Path.Combine(scratch, "report.json");
            string? constraintsFile = null;
            if (constraints.Length > 0)
            {
                constraintsFile = Path.Combine(scratch, "constraints.txt");
                await File.WriteAllTextAsync(constraintsFile, constraints, cancellationToken).ConfigureAwait(false);
            }

            var result = await runPip(scratch, report, constraintsFile).ConfigureAwait(false);
            if (!File.Exists(report))
            {
                throw new M1EnvException(
                    ErrorCodes.PipInstallFailed,
                    "pip succeeded but wrote no installation report: --report needs pip 22.2 or later. pip's last lines follow.",
                    result.Transcript);
            }

            return PipReportReader.Read(await File.ReadAllTextAsync(report, cancellationToken).ConfigureAwait(false), result.Transcript);
        }
        finally
        {
            Leftovers.DeleteFolder(scratch);
        }
    }
}
