using System.Net.Http.Headers;
using System.Text;

namespace M1Env.Core.Infrastructure.Downloads;

/// <summary>
/// A GET for a release file. Credentials written in the URL (<c>https://user:token@mirror/...</c>)
/// become a basic authentication header, as curl and pip do; HttpClient would not send them itself.
/// </summary>
internal static class MirrorRequest
{
    public static HttpRequestMessage Get(Uri url)
    {
        if (string.IsNullOrEmpty(url.UserInfo))
        {
            return new HttpRequestMessage(HttpMethod.Get, url);
        }

        var withoutCredentials = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, withoutCredentials);
        var credentials = Uri.UnescapeDataString(url.UserInfo);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }
}
