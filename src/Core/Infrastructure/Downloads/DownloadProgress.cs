using System.Diagnostics;
using System.Globalization;
using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Infrastructure.Downloads;

/// <summary>
/// Reports a download as it goes without flooding the log: a line each time another tenth of the
/// file has arrived, or when a few seconds passed since the last line (so a slow download, or one
/// of unknown size, still shows it is moving).
/// </summary>
internal sealed class DownloadProgress
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly IProvisionLog log;
    private readonly long? totalBytes;
    private readonly TimeSpan interval;
    private readonly Func<TimeSpan> elapsed;
    private long reportedBytes;
    private long reportedTenths;
    private TimeSpan reportedAt;

    /// <param name="elapsed">The time since the download started (a test clock in tests).</param>
    public DownloadProgress(IProvisionLog log, long? totalBytes, TimeSpan interval, Func<TimeSpan> elapsed)
    {
        this.log = log;
        this.totalBytes = totalBytes is > 0 ? totalBytes : null;
        this.interval = interval;
        this.elapsed = elapsed;
        reportedAt = elapsed();
    }

    public static DownloadProgress Start(IProvisionLog log, long? totalBytes)
    {
        var watch = Stopwatch.StartNew();
        return new DownloadProgress(log, totalBytes, DefaultInterval, () => watch.Elapsed);
    }

    /// <summary>Called after each chunk with the bytes received so far.</summary>
    public void Advance(long receivedBytes)
    {
        var now = elapsed();
        var tenths = totalBytes is { } total ? Math.Min(10, receivedBytes * 10 / total) : 0;
        if (tenths > reportedTenths || now - reportedAt >= interval)
        {
            Report(receivedBytes, tenths, now);
        }
    }

    /// <summary>Called once the last byte arrived; says the final size unless the last line already did.</summary>
    public void Complete(long receivedBytes)
    {
        if (receivedBytes != reportedBytes)
        {
            Report(receivedBytes, 10, elapsed());
        }
    }

    private void Report(long receivedBytes, long tenths, TimeSpan now)
    {
        reportedBytes = receivedBytes;
        reportedTenths = tenths;
        reportedAt = now;
        log.Step(totalBytes is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"Downloaded {Megabytes(receivedBytes)} of {Megabytes(total)} ({receivedBytes * 100 / total}%)")
            : $"Downloaded {Megabytes(receivedBytes)}");
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000_000.0:0.0} MB");
}
