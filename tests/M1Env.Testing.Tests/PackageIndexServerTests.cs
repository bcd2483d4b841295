using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace M1Env.Testing.Tests;

public sealed class PackageIndexServerTests : IDisposable
{
    private static readonly Regex Href = new("href=\"(?<href>[^\"]+)\"", RegexOptions.CultureInvariant);

    private readonly TempDirectory temp = new();
    private readonly HttpClient http = new(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Root_lists_each_project_once_under_its_normalized_name()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "M1_Gamma.Thing", "0.1");
        await using var server = PackageIndexServer.Start(wheels);

        var page = await http.GetStringAsync(server.IndexUrl);

        Assert.Equal(["/simple/m1-alpha/", "/simple/m1-gamma-thing/"], Hrefs(page));
        Assert.Equal(new IndexRequest("GET", "/simple/", 200), Assert.Single(server.Requests));
    }

    [Fact]
    public async Task Project_page_links_every_file_with_its_real_sha256_and_the_links_serve_those_bytes()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        var one = WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        var two = WheelBuilder.Build(wheels, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels, "m1-beta", "1.0");
        await using var server = PackageIndexServer.Start(wheels);

        var page = await http.GetStringAsync(server.IndexUrl + "m1-alpha/");

        var hrefs = Hrefs(page);
        Assert.Equal(2, hrefs.Length);
        foreach (var (href, wheel) in hrefs.Zip([one, two]))
        {
            var bytes = File.ReadAllBytes(wheel.Path);
            Assert.Equal($"/files/{wheel.FileName}#sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))}", href);
            Assert.Equal(bytes, await http.GetByteArrayAsync(new Uri(new Uri(server.BaseUrl), href.Split('#')[0])));
        }
    }

    [Theory]
    [InlineData("simple/m1-alpha")]
    [InlineData("simple/M1_Alpha/")]
    [InlineData("simple")]
    public async Task Missing_slashes_and_unnormalized_names_are_served(string path)
    {
        await using var server = StartWithOneWheel();

        using var response = await http.GetAsync(server.BaseUrl + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("m1-alpha", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simple/nope/")]
    [InlineData("simple/m1-alpha/extra/")]
    [InlineData("files/m1_alpha-9.9-py3-none-any.whl")]
    [InlineData("files/")]
    [InlineData("")]
    [InlineData("elsewhere")]
    public async Task Unknown_paths_are_404_and_are_recorded(string path)
    {
        await using var server = StartWithOneWheel();

        using var response = await http.GetAsync(server.BaseUrl + path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, Assert.Single(server.Requests).StatusCode);
    }

    [Fact]
    public async Task Added_wheels_and_wheels_written_after_start_are_served()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        var elsewhere = WheelBuilder.Build(temp.CreateSubdirectory("elsewhere"), "m1-added", "1.0");
        await using var server = PackageIndexServer.Start(wheels);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.IndexUrl + "m1-late/")).StatusCode);

        server.AddWheel(elsewhere.Path);
        WheelBuilder.Build(wheels, "m1-late", "1.0");

        Assert.Equal(["/simple/m1-added/", "/simple/m1-late/"], Hrefs(await http.GetStringAsync(server.IndexUrl)));
        Assert.Equal(File.ReadAllBytes(elsewhere.Path), await http.GetByteArrayAsync(server.BaseUrl + "files/" + elsewhere.FileName));
        Assert.Equal(3, server.RequestCount);
        server.ClearRequests();
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Many_servers_run_at_once_on_their_own_ports_and_stop_listening_when_disposed()
    {
        var servers = Enumerable.Range(0, 8).Select(_ => PackageIndexServer.Start()).ToArray();
        try
        {
            Assert.Equal(servers.Length, servers.Select(s => s.Port).Distinct().Count());
            var statuses = await Task.WhenAll(servers.Select(async s => (await http.GetAsync(s.IndexUrl)).StatusCode));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
            Assert.All(servers, s => Assert.Equal(1, s.RequestCount));
        }
        finally
        {
            await Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask()));
        }

        using var fresh = new HttpClient(new HttpClientHandler { UseProxy = false });
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(servers[0].IndexUrl));
    }

    private static string[] Hrefs(string html) => Href.Matches(html).Select(m => m.Groups["href"].Value).ToArray();

    private PackageIndexServer StartWithOneWheel()
    {
        var wheels = temp.CreateSubdirectory("wheels");
        WheelBuilder.Build(wheels, "m1-alpha", "1.0");
        return PackageIndexServer.Start(wheels);
    }
}
