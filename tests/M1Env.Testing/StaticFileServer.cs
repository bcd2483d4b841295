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

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (such as <c>/dir/file.sh</c>), replacing what was there.</summary>
    public void Add(string path, byte[] content)
    {
        lock (files)
        {
            files[Normalize(path)] = content;
        }
    }

    public void Remove(string path)
    {
        lock (files)
        {
            files.Remove(Normalize(path));
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

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private void Serve(HttpListenerContext context)
    {
        var method = context.Request.HttpMethod;
        var path = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/");
        byte[]? content;
        lock (files)
        {
            content = method is "GET" or "HEAD" ? files.GetValueOrDefault(path) : null;
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
                context.Response.OutputStream.Write(body);
            }

            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away or the server is stopping; nothing is owed to anyone.
            context.Response.Abort();
        }
    }
}
