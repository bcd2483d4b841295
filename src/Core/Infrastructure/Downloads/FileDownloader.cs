using System.Globalization;
using System.Security.Cryptography;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Infrastructure.Downloads;

/// <summary>
/// Downloads a release file (an installer, an archive) and the digest published beside it, hashing
/// the file as it arrives. Every network failure becomes the caller's coded error, made by
/// <paramref name="failed"/> from the URL and the reason, with advice on how to go on without it.
/// </summary>
/// <param name="what">The file as the log and errors name it: "the Miniforge installer".</param>
internal sealed class FileDownloader(HttpClient http, IProvisionLog log, string what, Func<Uri, string, Exception?, M1EnvException> failed)
{
    /// <summary>How long to wait for a server to start answering a request.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(1);

    private const int BufferSize = 81920;

    /// <summary>A download that delivers no byte for this long is given up (HttpClient's own timeout stops at the headers).</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(1);

    /// <summary>An HTTP client for downloads: <paramref name="handler"/> (the caller keeps it), else the default stack (system proxy, redirects followed).</summary>
    public static HttpClient CreateClient(HttpMessageHandler? handler) =>
        new(handler ?? new SocketsHttpHandler(), disposeHandler: handler is null) { Timeout = ResponseTimeout };

    /// <summary>The SHA-256 in a <c>.sha256</c> file, lower case.</summary>
    public async Task<string> ReadPublishedSha256Async(Uri url, CancellationToken cancellationToken)
    {
        log.Detail($"Reading the SHA-256 of {what} from {UrlRedactor.Redact(url.ToString())}");
        // Read whole within SendAsync, so the client's timeout covers the body too.
        using var response = await SendAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        string content;
        try
        {
            content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsNetworkFailure(exception, cancellationToken))
        {
            throw failed(url, exception.Message, exception);
        }

        return Sha256Hex.ParseChecksumFile(content)
            ?? throw failed(url, "the file does not start with a SHA-256 digest", null);
    }

    /// <summary>Streams <paramref name="url"/> into <paramref name="destination"/> (a new file) and returns its SHA-256, lower case.</summary>
    public async Task<string> DownloadAsync(Uri url, string destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var progress = DownloadProgress.Start(log, response.Content.Headers.ContentLength);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = new byte[BufferSize];
        long received = 0;
        var target = CreateFile(destination);
        await using (target.ConfigureAwait(false))
        {
            try
            {
                var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (source.ConfigureAwait(false))
                {
                    while (true)
                    {
                        stall.CancelAfter(StallTimeout);
                        var read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        sha256.AppendData(buffer, 0, read);
                        await WriteAsync(target, buffer.AsMemory(0, read), destination, cancellationToken).ConfigureAwait(false);
                        received += read;
                        progress.Advance(received);
                    }
                }
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw failed(url, string.Create(CultureInfo.InvariantCulture, $"no data arrived for {StallTimeout.TotalSeconds:0} s"), exception);
            }
            catch (Exception exception) when (exception is not M1EnvException && IsNetworkFailure(exception, cancellationToken))
            {
                throw failed(url, $"the connection broke after {received} bytes: {exception.Message}", exception);
            }
        }

        progress.Complete(received);
        return Convert.ToHexString(sha256.GetHashAndReset()).ToLowerInvariant();
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = MirrorRequest.Get(url);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsNetworkFailure(exception, cancellationToken))
        {
            throw failed(url, exception is OperationCanceledException ? "the server did not answer in time" : exception.Message, exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = string.Create(CultureInfo.InvariantCulture, $"the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            response.Dispose();
            throw failed(url, status.TrimEnd(), null);
        }

        return response;
    }

    private FileStream CreateFile(string destination)
    {
        try
        {
            return new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new M1EnvException(ErrorCodes.FileSystemError, $"Could not create {destination} for {what}: {exception.Message}", inner: exception);
        }
    }

    /// <summary>A disk that is full or read-only is not a network problem; it gets the file system's code.</summary>
    private async Task WriteAsync(FileStream target, ReadOnlyMemory<byte> bytes, string destination, CancellationToken cancellationToken)
    {
        try
        {
            await target.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new M1EnvException(ErrorCodes.FileSystemError, $"Could not write {what} to {destination}: {exception.Message}", inner: exception);
        }
    }

    /// <summary>What HttpClient throws when the network fails; a cancellation the caller asked for is not one.</summary>
    private static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
