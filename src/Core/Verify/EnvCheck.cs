using System.Globalization;
using System.Reflection;
using System.Text.Json;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Verify;

/// <summary>
/// Runs the check script shipped inside M1Env.Core (<c>m1env_check.py</c>) with an env's interpreter
/// and reads its JSON: which frameworks are there, what accelerator each sees, whether a computation
/// there is right, and with a benchmark, how fast a matmul is.
/// </summary>
public sealed class EnvCheck(ProcessRunner runner)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string Script { get; } = ReadScript();

    /// <param name="benchmark">Also time a <paramref name="size"/> x <paramref name="size"/> matmul, best of <paramref name="repeat"/>.</param>
    public async Task<EnvCheckReport> RunAsync(string python, bool benchmark, int size, int repeat, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-I", ScriptFile()];
        if (benchmark)
        {
            arguments.AddRange(["--benchmark", "--size", size.ToString(CultureInfo.InvariantCulture), "--repeat", repeat.ToString(CultureInfo.InvariantCulture)]);
        }

        var result = await runner.RunAsync(python, arguments, streamToLog: false, cancellationToken, stdoutIsData: true).ConfigureAwait(false);
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            if (result.Succeeded && last is not null && JsonSerializer.Deserialize<EnvCheckReport>(last, Json) is { Frameworks: not null } report)
            {
                return report;
            }
        }
        catch (JsonException)
        {
        }

        throw new M1EnvException(ErrorCodes.VerifyFailed,
            $"The environment check did not run with {python} (exit code {result.ExitCode}). Is it a working Python 3?", result.Transcript);
    }

    /// <summary>
    /// The script as a file in the temp folder, named by its hash: one file per M1Env version, written
    /// once, so an error shows a short command line and nothing is written into the env.
    /// </summary>
    private static string ScriptFile()
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Script)))[..16].ToLowerInvariant();
        var path = Path.Combine(Path.GetTempPath(), $"m1env_check-{hash}.py");
        if (!File.Exists(path))
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, Script);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("M1Env.Core.Verify.m1env_check.py")
            ?? throw new InvalidOperationException("m1env_check.py is not embedded in M1Env.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
