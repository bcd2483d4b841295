using System.Text;

namespace M1Env.Testing;

internal sealed record IndexResponse(int StatusCode, string ContentType, byte[] Body)
{
    public static IndexResponse Html(string html) => new(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    public static IndexResponse File(byte[] bytes) => new(200, "application/octet-stream", bytes);

    public static IndexResponse NotFound() => new(404, "text/plain; charset=utf-8", "Not Found\n"u8.ToArray());

    public static IndexResponse MethodNotAllowed() => new(405, "text/plain; charset=utf-8", "Method Not Allowed\n"u8.ToArray());
}
