using System.Net;

namespace M1Env.Testing;

/// <summary>
/// A PEP 503 simple index on 127.0.0.1 and a free port, serving the wheels of a folder (read afresh
/// on every request) and those given to <see cref="AddWheel"/>. Every request is recorded, so a test
/// can tell whether pip reached the index at all.
/// </summary>
public sealed class PackageIndexServer : IAsyncDisposable, IDisposable
{
    private readonly LoopbackHttpListener listener;
    private readonly WheelCatalog catalog;
    private readonly SimpleIndexResponder responder;
    private readonly List<IndexRequest> requests = [];

    private PackageIndexServer(string? wheelDirectory)
    {
        catalog = new WheelCatalog(wheelDirectory is null ? null : Path.GetFullPath(wheelDirectory));
        responder = new SimpleIndexResponder(catalog);
        listener = LoopbackHttpListener.Start(Serve);
    }

    public int Port => listener.Port;

    /// <summary>The server root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string BaseUrl => listener.BaseUrl;

    /// <summary>What pip takes as <c>--index-url</c>: <c>http://127.0.0.1:PORT/simple/</c>.</summary>
    public string IndexUrl => BaseUrl + "simple/";

    /// <summary>A snapshot of the requests answered so far, oldest first.</summary>
    public IReadOnlyList<IndexRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToArray();
            }
        }
    }

    public int RequestCount
    {
        get
        {
            lock (requests)
            {
                return requests.Count;
            }
        }
    }

    /// <param name="wheelDirectory">A folder whose <c>*.whl</c> files are served; null to serve only added wheels.</param>
    public static PackageIndexServer Start(string? wheelDirectory = null) => new(wheelDirectory);

    /// <summary>Serves one more wheel file, wherever it is; it must keep a PEP 427 file name.</summary>
    public void AddWheel(string wheelPath) => catalog.Add(wheelPath);

    public void ClearRequests()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public ValueTask DisposeAsync() => listener.DisposeAsync();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Serve(HttpListenerContext context)
    {
        var method = context.Request.HttpMethod;
        var path = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/");
        var response = SafeRespond(method, path);

        // Recorded before the answer goes out, so once pip has its answer the test sees the request.
        lock (requests)
        {
            requests.Add(new IndexRequest(method, path, response.StatusCode));
        }

        try
        {
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = response.Body.Length;
            if (method != "HEAD")
            {
                context.Response.OutputStream.Write(response.Body);
            }

            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away or the server is stopping; nothing is owed to anyone.
            context.Response.Abort();
        }
    }

    private IndexResponse SafeRespond(string method, string path)
    {
        try
        {
            return responder.Respond(method, path);
        }
        catch (IOException)
        {
            // A wheel deleted or rewritten between the listing and the read.
            return IndexResponse.NotFound();
        }
    }
}
