using System.Net;
using System.Net.Sockets;

namespace M1Env.Testing;

/// <summary>
/// Serves in-memory files over HTTP on 127.0.0.1 and a free port (404 for anything else), for
/// code that downloads. Every request is recorded, so a test can tell what was fetched, how often,
/// and with which credentials.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable, IDisposable
{
    private const int PortAttempts = 20;

    private readonly HttpListener listener;
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly List<ServedRequest> requests = [];
    private readonly List<Task> handlers = [];
    private readonly Task acceptLoop;
    private int disposed;

    private StaticFileServer(HttpListener listener, int port)
    {
        this.listener = listener;
        Port = port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>The server root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

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

    public static StaticFileServer Start()
    {
        // HttpListener cannot bind port 0, so borrow a free port from the OS and retry if another
        // listener (this process's parallel tests included) takes it first.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new StaticFileServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < PortAttempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A loopback port nothing listens on: a connection to it is refused.</summary>
    public static int ClosedLoopbackPort() => FreeLoopbackPort();

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

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        listener.Close();
        await acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (handlers)
        {
            running = handlers.ToArray();
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handler = Task.Run(() => Serve(context));
            lock (handlers)
            {
                handlers.RemoveAll(h => h.IsCompleted);
                handlers.Add(handler);
            }
        }
    }

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
