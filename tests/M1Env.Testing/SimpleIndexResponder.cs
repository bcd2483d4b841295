using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace M1Env.Testing;

/// <summary>Answers PEP 503 requests: <c>/simple/</c>, <c>/simple/&lt;project&gt;/</c> and <c>/files/&lt;file&gt;</c>.</summary>
internal sealed class SimpleIndexResponder(WheelCatalog catalog)
{
    private const string SimplePrefix = "/simple/";
    private const string FilesPrefix = "/files/";

    public IndexResponse Respond(string method, string path)
    {
        if (method is not ("GET" or "HEAD"))
        {
            return IndexResponse.MethodNotAllowed();
        }

        if (path is "/simple" or SimplePrefix)
        {
            return ProjectList();
        }

        if (path.StartsWith(SimplePrefix, StringComparison.Ordinal))
        {
            var project = path[SimplePrefix.Length..].TrimEnd('/');
            return project.Contains('/') ? IndexResponse.NotFound() : ProjectPage(PythonNames.Normalize(project));
        }

        if (path.StartsWith(FilesPrefix, StringComparison.Ordinal))
        {
            var fileName = path[FilesPrefix.Length..];
            var wheel = catalog.Wheels().FirstOrDefault(w => w.FileName == fileName);
            return wheel is null ? IndexResponse.NotFound() : IndexResponse.File(File.ReadAllBytes(wheel.Path));
        }

        return IndexResponse.NotFound();
    }

    private IndexResponse ProjectList()
    {
        var links = catalog.Wheels()
            .Select(w => w.Project)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(p => $"<a href=\"{SimplePrefix}{Uri.EscapeDataString(p)}/\">{WebUtility.HtmlEncode(p)}</a>");
        return IndexResponse.Html(Page("Simple index", links));
    }

    private IndexResponse ProjectPage(string project)
    {
        var wheels = catalog.Wheels().Where(w => w.Project == project).ToArray();
        if (wheels.Length == 0)
        {
            return IndexResponse.NotFound();
        }

        var links = wheels.Select(w =>
            $"<a href=\"{FilesPrefix}{Uri.EscapeDataString(w.FileName)}#sha256={Sha256Hex(w.Path)}\">{WebUtility.HtmlEncode(w.FileName)}</a>");
        return IndexResponse.Html(Page($"Links for {WebUtility.HtmlEncode(project)}", links));
    }

    private static string Page(string title, IEnumerable<string> links)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html>\n<head>\n")
            .Append("<meta name=\"pypi:repository-version\" content=\"1.0\">\n")
            .Append("<title>").Append(title).Append("</title>\n</head>\n<body>\n");
        foreach (var link in links)
        {
            html.Append(link).Append("<br>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
