using System.Text.Json;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Python;

/// <summary>
/// Asks an interpreter which wheels it takes and how its markers evaluate, through the packaging
/// library its pip carries (<c>sys_tags()</c> and <c>default_environment()</c>): what picks this
/// machine's files out of a lock.
/// </summary>
/// <param name="memo">Answers shared with the other envs of the build, or null to always ask.</param>
public sealed class TargetEnvironmentProbe(ProcessRunner runner, ProbeMemo? memo = null)
{
    // An interpreter without pip of its own (Debian's, before python3-pip) still has the pip wheel ensurepip installs from.
    private const string Script =
        "import json, sys\n" +
        "try:\n" +
        "    from pip._vendor.packaging import markers, tags\n" +
        "except ImportError:\n" +
        "    import ensurepip, glob, os\n" +
        "    sys.path.insert(0, sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')) + glob.glob('/usr/share/python-wheels/pip-*.whl'))[-1])\n" +
        "    from pip._vendor.packaging import markers, tags\n" +
        "print(json.dumps({'tags': [str(t) for t in tags.sys_tags()], 'markers': markers.default_environment(), 'executable': sys.executable}))";

    public async Task<TargetEnvironment> ProbeAsync(string python, string platform, CancellationToken cancellationToken) =>
        (memo is null
            ? await AskAsync(python, platform, cancellationToken).ConfigureAwait(false)
            : await memo.GetOrRunAsync("target " + platform, python, () => AskAsync(python, platform, cancellationToken), KeptProbeJsonContext.Default.KeptProbeProbedTarget, answer => answer.RunsItself).ConfigureAwait(false)).Target;

    private async Task<ProbedTarget> AskAsync(string python, string platform, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(python, ["-I", "-c", Script], streamToLog: false, cancellationToken, TimeSpan.FromSeconds(30), stdoutIsData: true).ConfigureAwait(false);
        try
        {
            if (result.Succeeded)
            {
                using var json = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]);
                var markers = json.RootElement.GetProperty("markers");
                string Marker(string name) => markers.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
                return new ProbedTarget(new TargetEnvironment(
                    platform,
                    new MarkerEnvironment
                    {
                        OsName = Marker("os_name"),
                        SysPlatform = Marker("sys_platform"),
                        PlatformMachine = Marker("platform_machine"),
                        PlatformPythonImplementation = Marker("platform_python_implementation"),
                        PlatformRelease = Marker("platform_release"),
                        PlatformSystem = Marker("platform_system"),
                        PlatformVersion = Marker("platform_version"),
                        PythonVersion = Marker("python_version"),
                        PythonFullVersion = Marker("python_full_version"),
                        ImplementationName = Marker("implementation_name"),
                        ImplementationVersion = Marker("implementation_version"),
                    },
                    json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray()), ProbedExecutable.RunsItself(python, json.RootElement));
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        throw new M1EnvException(ErrorCodes.PipInstallFailed,
            $"{python} could not say which wheels it takes (its pip's packaging library did not answer); M1Env needs it to pick this machine's files from the lock.", result.Transcript);
    }
}
