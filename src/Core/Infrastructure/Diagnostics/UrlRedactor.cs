using System.Text.RegularExpressions;

namespace M1Env.Core.Infrastructure.Diagnostics;

/// <summary>Removes credentials from URLs before they reach a log, an error or a file.</summary>
public static partial class UrlRedactor
{
    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<userinfo>[^/@\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    public static string Redact(string text) =>
        string.IsNullOrEmpty(text) ? text : UserInfo().Replace(text, "${scheme}****@");
}
