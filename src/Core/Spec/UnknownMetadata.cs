using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Spec;

/// <summary>Metadata on a declaration item that M1Env does not read: a typo that would otherwise pass silently.</summary>
/// <param name="Name">The metadata name as written.</param>
/// <param name="Message">The warning: the name, its value, the near miss it probably meant and the names the item takes.</param>
public sealed record UnknownMetadata(string Name, string Message)
{
    /// <summary>One warning per metadata name of the item that M1Env does not read (MSBuild's own never count).</summary>
    public static IReadOnlyList<UnknownMetadata> Find(string itemType, string include, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var known = ItemMetadata.For(itemType);
        var found = new List<UnknownMetadata>();
        foreach (var (name, value) in metadata)
        {
            if (ItemMetadata.IsKnown(itemType, name))
            {
                continue;
            }

            var suggestion = NearMiss.Find(name, known);
            var meant = suggestion is null ? string.Empty : $" Did you mean {suggestion}?";
            found.Add(new(name,
                $"{itemType} '{InputQuote.Shorten(include)}' has {InputQuote.Shorten(name)}=\"{InputQuote.Shorten(value)}\", which M1Env does not read, so it changes nothing.{meant} A {itemType} takes {string.Join(", ", known)}."));
        }

        return found;
    }
}
