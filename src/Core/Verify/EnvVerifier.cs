using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.State;

namespace M1Env.Core.Verify;

/// <summary>
/// M1EnvVerify after provisioning: runs the in-env check when the env changed (or was never
/// checked), shows the checklist, writes the JSON report, and records the result in the stamp, so
/// the next build of an unchanged env runs nothing. With M1EnvRequireAccelerator, an env in which no
/// framework computes right on an accelerator fails the build.
/// </summary>
public sealed class EnvVerifier(ProcessRunner runner, IProvisionLog log, VerifySettings settings)
{
    /// <param name="changed">The build changed the env: its last check no longer holds.</param>
    public async Task VerifyAsync(string envName, string python, string specHash, StampStore store, bool changed, CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        var stamp = store.Read();
        var verification = stamp?.Verification;
        if (changed || verification is null || verification.SpecHash != specHash || !File.Exists(verification.ReportPath))
        {
            var report = await new EnvCheck(runner).RunAsync(python, benchmark: false, size: 0, repeat: 0, cancellationToken).ConfigureAwait(false);
            foreach (var line in Checklist.Lines(envName, report))
            {
                log.Step(line);
            }

            var path = Path.Combine(settings.ReportDirectory ?? store.StateDirectory, $"m1env-verify.{envName}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            verification = new StampedVerification(specHash, Checklist.NoAccelerator(report), path);
            if (stamp is not null)
            {
                store.Write(stamp with { Verification = verification });
            }
        }

        if (settings.RequireAccelerator && verification.NoAccelerator is { } why)
        {
            throw new M1EnvException(ErrorCodes.NoAcceleratorWorks,
                $"M1EnvRequireAccelerator is true, and no accelerator works in environment '{envName}': {why}. The report is {verification.ReportPath}.");
        }
    }
}
