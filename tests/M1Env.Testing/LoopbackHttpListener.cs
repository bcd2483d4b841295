using System.Net;
using System.Net.Sockets;

namespace M1Env.Testing;

/// <summary>
/// An HTTP listener on 127.0.0.1 and a free port that hands every request to a handler on the
/// thread pool, and on dispose stops listening and waits for the requests being answered. The
/// shared part of the test servers.
/// </summary>
public sealed class LoopbackHttpListener : IAsyncDisposable
{
    private const int PortAttempts = 20;

    private readonly HttpListener listener;
    private readonly Action<HttpListenerContext> handle;
    private readonly List<Task> handlers = [];
    private readonly Task acceptLoop;
    private int disposed;

    private LoopbackHttpListener(HttpListener listener, int port, Action<HttpListenerContext> handle)
    {
        this.listener = listener;
        this.handle = handle;
        Port = port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>The server root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    public static LoopbackHttpListener Start(Action<HttpListenerContext> handle)
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
                return new LoopbackHttpListener(listener, port, handle);
            }
            catch (HttpListenerException) when (attempt < PortAttempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A loopback port nothing listens on at the moment it is returned.</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
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

            var handler = Task.Run(() => handle(context));
            lock (handlers)
            {
                handlers.RemoveAll(h => h.IsCompleted);
                handlers.Add(handler);
            }
        }
    }
}
