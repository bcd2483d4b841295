using M1Env.Core.Infrastructure.Downloads;

namespace M1Env.Core.Tests.Infrastructure.Downloads;

public sealed class DownloadProgressTests
{
    private readonly RecordingProvisionLog log = new();
    private TimeSpan now;

    [Fact]
    public void A_download_of_known_size_logs_at_most_one_line_per_tenth()
    {
        var progress = new DownloadProgress(log, 84_100_000, TimeSpan.FromSeconds(5), () => now);
        for (long received = 0; received <= 84_100_000; received += 65_536)
        {
            progress.Advance(received);
        }

        progress.Advance(84_100_000);
        progress.Complete(84_100_000);

        Assert.Equal(10, log.Lines.Count);
        Assert.Equal("Downloaded 8.5 MB of 84.1 MB (10%)", log.Lines[0]);
        Assert.Equal("Downloaded 84.1 MB of 84.1 MB (100%)", log.Lines[^1]);
    }

    [Fact]
    public void A_slow_download_also_logs_every_few_seconds()
    {
        var progress = new DownloadProgress(log, 100_000_000, TimeSpan.FromSeconds(5), () => now);
        progress.Advance(1_000_000);
        now = TimeSpan.FromSeconds(4);
        progress.Advance(2_000_000);
        now = TimeSpan.FromSeconds(6);
        progress.Advance(3_000_000);

        Assert.Equal(["Downloaded 3.0 MB of 100.0 MB (3%)"], log.Lines);
    }

    [Fact]
    public void A_download_of_unknown_size_logs_by_time_and_its_final_size()
    {
        var progress = new DownloadProgress(log, null, TimeSpan.FromSeconds(5), () => now);
        progress.Advance(5_000_000);
        now = TimeSpan.FromSeconds(5);
        progress.Advance(6_000_000);
        progress.Advance(7_500_000);
        progress.Complete(7_500_000);

        Assert.Equal(["Downloaded 6.0 MB", "Downloaded 7.5 MB"], log.Lines);
    }
}
