using System.Diagnostics;

namespace M1Env.Testing.Tests;

public sealed class StaticFileServerTests
{
    [Fact]
    public async Task A_throttled_file_arrives_whole_but_slowly_and_adding_it_again_serves_it_at_full_speed()
    {
        await using var server = StaticFileServer.Start();
        using var client = new HttpClient();
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var url = new Uri(server.BaseUrl + "slow.bin");
        server.AddThrottled("/slow.bin", content, chunkBytes: 100, pause: TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var slow = await client.GetByteArrayAsync(url);
        var slowTime = watch.Elapsed;
        server.Add("/slow.bin", content);
        watch.Restart();
        var fast = await client.GetByteArrayAsync(url);
        var fastTime = watch.Elapsed;

        Assert.Equal(content, slow);
        Assert.True(slowTime >= TimeSpan.FromMilliseconds(1900), $"10 chunks with 200 ms before each arrived in {slowTime}");
        Assert.Equal(content, fast);
        Assert.True(fastTime < TimeSpan.FromMilliseconds(1500), $"the unthrottled file took {fastTime}");
        Assert.Equal(2, server.CountRequests("/slow.bin"));
    }
}
