using System.Xml;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tasks;

/// <summary>
/// The line and column of the element that declares an item, found by reading its file again with
/// line information. Only a message about to be logged asks, so a successful build never reads it.
/// </summary>
internal static class DeclarationLocator
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Where the item's element starts (or its attribute <paramref name="metadata"/>, when written as one); (0, 0) when the file cannot be read or the item is not written there literally.</summary>
    public static (int Line, int Column) Find(DeclarationSite site, string? metadata = null)
    {
        try
        {
            using var reader = XmlReader.Create(site.File, Settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element
                    || !string.Equals(reader.LocalName, site.ItemType, StringComparison.OrdinalIgnoreCase)
                    || !Declares(reader.GetAttribute("Include"), site.Include))
                {
                    continue;
                }

                // As MSBuild's own locations: an element at its '<', an attribute at its name.
                var element = (info.LineNumber, Math.Max(1, info.LinePosition - 1));
                return metadata is not null && MoveToAttribute(reader, metadata) ? (info.LineNumber, info.LinePosition) : element;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or XmlException or ArgumentException or NotSupportedException)
        {
            // The location only helps: a file that cannot be read leaves the message on the file alone.
        }

        return (0, 0);
    }

    private static bool Declares(string? include, string itemSpec) =>
        include is not null
        && include.Split(';', StringSplitOptions.TrimEntries).Contains(itemSpec.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool MoveToAttribute(XmlReader reader, string name)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (string.Equals(reader.LocalName, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
