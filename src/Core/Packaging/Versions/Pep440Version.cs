using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace M1Env.Core.Packaging.Versions;

/// <summary>
/// A version as PEP 440 defines it (https://packaging.python.org/en/latest/specifications/version-specifiers/),
/// parsed and ordered exactly as Python's <c>packaging.version.Version</c> does: epoch, release, pre,
/// post, dev and local parts, <c>1.0 == 1.0.0</c>, dev &lt; pre &lt; final &lt; post.
/// </summary>
public sealed partial class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    // The specification's own pattern (its appendix), case-insensitive.
    [GeneratedRegex(
        @"^\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)" +
        @"(?<pre>[-_.]?(?<pre_l>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?" +
        @"(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?" +
        @"(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?" +
        @"(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    private Pep440Version(long epoch, long[] release, (string Label, long Number)? pre, long? post, long? dev, string[] local)
    {
        Epoch = epoch;
        Release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        Local = local;
    }

    public long Epoch { get; }

    public IReadOnlyList<long> Release { get; }

    /// <summary>The pre-release, with its label normalised to a, b or rc.</summary>
    public (string Label, long Number)? Pre { get; }

    public long? Post { get; }

    public long? Dev { get; }

    /// <summary>The local label's segments, lower case (<c>+ubuntu.1</c> gives ubuntu, 1).</summary>
    public IReadOnlyList<string> Local { get; }

    public bool IsPrerelease => Pre is not null || Dev is not null;

    public bool IsPostrelease => Post is not null;

    /// <summary>The version without its local label.</summary>
    public Pep440Version Public => Local.Count == 0 ? this : new(Epoch, [.. Release], Pre, Post, Dev, []);

    /// <summary>Epoch and release only (<c>1.0rc1.post2</c> gives <c>1.0</c>).</summary>
    public Pep440Version BaseVersion => new(Epoch, [.. Release], null, null, null, []);

    public string Normalized => ToString();

    public static bool TryParse(string? text, [NotNullWhen(true)] out Pep440Version? version)
    {
        version = null;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            var release = match.Groups["release"].Value.Split('.').Select(Number).ToArray();
            (string, long)? pre = match.Groups["pre"].Success
                ? (NormalizePreLabel(match.Groups["pre_l"].Value), OptionalNumber(match.Groups["pre_n"]))
                : null;
            long? post = match.Groups["post"].Success
                ? OptionalNumber(match.Groups["post_n1"].Success ? match.Groups["post_n1"] : match.Groups["post_n2"])
                : null;
            long? dev = match.Groups["dev"].Success ? OptionalNumber(match.Groups["dev_n"]) : null;
            var local = match.Groups["local"].Success
                ? match.Groups["local"].Value.ToLowerInvariant().Split(['-', '_', '.'])
                : [];
            version = new Pep440Version(match.Groups["epoch"].Success ? Number(match.Groups["epoch"].Value) : 0, release, pre, post, dev, local);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static Pep440Version Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a PEP 440 version.");

    public int CompareTo(Pep440Version? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = Epoch.CompareTo(other.Epoch);
        if (order == 0)
        {
            order = CompareRelease(Release, other.Release);
        }

        if (order == 0)
        {
            order = PreKey().CompareTo(other.PreKey());
        }

        if (order == 0)
        {
            order = (Post ?? -1).CompareTo(other.Post ?? -1);
        }

        if (order == 0)
        {
            order = (Dev ?? long.MaxValue).CompareTo(other.Dev ?? long.MaxValue);
        }

        return order != 0 ? order : CompareLocal(Local, other.Local);
    }

    public bool Equals(Pep440Version? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Pep440Version other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        foreach (var part in Release.Reverse().SkipWhile(p => p == 0))
        {
            hash.Add(part);
        }

        hash.Add(Pre);
        hash.Add(Post);
        hash.Add(Dev);
        foreach (var segment in Local)
        {
            hash.Add(segment);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = (Epoch != 0 ? $"{Epoch}!" : string.Empty) + string.Join(".", Release);
        if (Pre is { } pre)
        {
            text += $"{pre.Label}{pre.Number}";
        }

        if (Post is { } post)
        {
            text += $".post{post}";
        }

        if (Dev is { } dev)
        {
            text += $".dev{dev}";
        }

        return Local.Count == 0 ? text : $"{text}+{string.Join(".", Local)}";
    }

    public static bool operator ==(Pep440Version? left, Pep440Version? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Pep440Version? left, Pep440Version? right) => !(left == right);

    public static bool operator <(Pep440Version left, Pep440Version right) => left.CompareTo(right) < 0;

    public static bool operator >(Pep440Version left, Pep440Version right) => left.CompareTo(right) > 0;

    public static bool operator <=(Pep440Version left, Pep440Version right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Pep440Version left, Pep440Version right) => left.CompareTo(right) >= 0;

    internal static int CompareRelease(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var order = (i < a.Count ? a[i] : 0).CompareTo(i < b.Count ? b[i] : 0);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>
    /// Orders the pre-release part: a dev release of a final version sorts before its pre-releases
    /// (<c>1.0.dev0 &lt; 1.0a1</c>), a final version after them.
    /// </summary>
    private (int Rank, long Number) PreKey() => Pre switch
    {
        { Label: "a" } p => (1, p.Number),
        { Label: "b" } p => (2, p.Number),
        { } p => (3, p.Number),
        null when Post is null && Dev is not null => (0, 0),
        null => (4, 0),
    };

    /// <summary>No label sorts first; numeric segments sort after alphanumeric ones and by value.</summary>
    private static int CompareLocal(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var aNumber = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var x);
            var bNumber = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y);
            var order = (aNumber, bNumber) switch
            {
                (true, true) => x.CompareTo(y),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static string NormalizePreLabel(string label) => label.ToLowerInvariant() switch
    {
        "alpha" or "a" => "a",
        "beta" or "b" => "b",
        _ => "rc",
    };

    private static long Number(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static long OptionalNumber(Group group) => group.Success && group.Value.Length > 0 ? Number(group.Value) : 0;
}
