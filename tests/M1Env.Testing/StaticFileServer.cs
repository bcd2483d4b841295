using System.Net;

namespace M1Env.Testing;

/// <summary>
/// Serves in-memory files over HTTP on 127.0.0.1 and a free port (404 for anything else), for
/// code that downloads. Every request is recorded, so a test can tell what was fetched, how often,
/// and with which credentials.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable, IDisposable
{
    private readonly LoopbackHttpListener listener;
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Throttle> throttles = new(StringComparer.Ordinal);
    private readonly List<ServedRequest> requests = [];

    private StaticFileServer() => listener = LoopbackHttpListener.Start(Serve);

    public int Port => listener.Port;

    /// <summary>The server root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string BaseUrl => listener.BaseUrl;

    /// <summary>A snapshot of the requests answered so far, oldest first.</summary>
    public IReadOnlyList<ServedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToArray();
            }
        }
    }

    public static StaticFileServer Start() => new();

    /// <summary>A loopback port nothing listens on: a connection to it is refused.</summary>
    public static int ClosedLoopbackPort() => LoopbackHttpListener.FreeLoopbackPort();

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (such as <c>/dir/file.sh</c>), replacing what was there, at full speed.</summary>
    public void Add(string path, byte[] content)
    {
        lock (files)
        {
            files[Normalize(path)] = content;
            throttles.Remove(Normalize(path));
        }
    }

    /// <summary>
    /// Serves <paramref name="content"/> at <paramref name="path"/> slowly: <paramref name="chunkBytes"/> at a time with
    /// <paramref name="pause"/> before each, so a test can act on a client while it downloads. <see cref="Add"/> makes it fast again.
    /// </summary>
    public void AddThrottled(string path, byte[] content, int chunkBytes, TimeSpan pause)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        lock (files)
        {
            files[Normalize(path)] = content;
            throttles[Normalize(path)] = new Throttle(chunkBytes, pause);
        }
    }

    public void Remove(string path)
    {
        lock (files)
        {
            files.Remove(Normalize(path));
            throttles.Remove(Normalize(path));
        }
    }

    /// <summary>How many requests asked for <paramref name="path"/>.</summary>
    public int CountRequests(string path) => Requests.Count(request => request.Path == Normalize(path));

    public void ClearRequests()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public ValueTask DisposeAsync() => listener.DisposeAsync();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void Write(Stream output, byte[] body, Throttle? throttle)
    {
        if (throttle is null)
        {
            output.Write(body);
            return;
        }

        for (var offset = 0; offset < body.Length; offset += throttle.ChunkBytes)
        {
            Thread.Sleep(throttle.Pause);
            output.Write(body, offset, Math.Min(throttle.ChunkBytes, body.Length - offset));
            output.Flush();
        }
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private void Serve(HttpListenerContext context)
    {
        var method = context.Request.HttpMethod;
        var path = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/");
        byte[]? content;
        Throttle? throttle;
        lock (files)
        {
            content = method is "GET" or "HEAD" ? files.GetValueOrDefault(path) : null;
            throttle = throttles.GetValueOrDefault(path);
        }

        var status = content is null ? 404 : 200;
        var body = content ?? "Not Found\n"u8.ToArray();

        // Recorded before the answer goes out, so once the client has its answer the test sees the request.
        lock (requests)
        {
            requests.Add(new ServedRequest(method, path, status, context.Request.Headers["Authorization"]));
        }

        try
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = content is null ? "text/plain; charset=utf-8" : "application/octet-stream";
            context.Response.ContentLength64 = body.Length;
            if (method != "HEAD")
            {
                Write(context.Response.OutputStream, body, content is null ? null : throttle);
            }

            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away or the server is stopping; nothing is owed to anyone.
            context.Response.Abort();
        }
    }

    private sealed record Throttle(int ChunkBytes, TimeSpan Pause);
}
