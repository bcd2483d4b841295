using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Markers;

namespace M1Env.Core.Spec;

/// <summary>
/// Where a declared package applies: the <c>Platforms</c> it names (any of them) and its PEP 508
/// <c>Markers</c>; both must hold. A package with neither applies everywhere.
/// </summary>
/// <param name="Platforms">The platforms of the <c>Platforms</c> metadata, in table order; empty for every platform.</param>
/// <param name="Markers">The <c>Markers</c> metadata, already parsed once; null for none.</param>
public sealed record PackagePlatforms(IReadOnlyList<LockPlatform> Platforms, string? Markers)
{
    public static PackagePlatforms Everywhere { get; } = new([], null);

    public bool IsEverywhere => Platforms.Count == 0 && Markers is null;

    /// <summary>The one marker that says where the package applies; null when it applies everywhere.</summary>
    public string? Marker
    {
        get
        {
            var platforms = Platforms.Count == 0 ? null : string.Join(" or ", Platforms.Select(p => p.Marker));
            return (platforms, Markers) switch
            {
                (null, null) => null,
                (_, null) => platforms,
                (null, _) => Markers,
                _ => $"({platforms}) and ({Markers})",
            };
        }
    }

    /// <summary>Whether the package applies on <paramref name="platform"/> to a CPython <paramref name="pythonVersion"/> (<c>3.11</c>, or <c>3</c> when only the major is known); on no known platform only a package without <c>Platforms</c> can.</summary>
    /// <remarks>Markers that <see cref="TryRead"/> accepted evaluate without error on every platform.</remarks>
    public bool AppliesTo(LockPlatform? platform, string pythonVersion)
    {
        if (IsEverywhere)
        {
            return true;
        }

        if (platform is null)
        {
            return Platforms.Count == 0 && Packaging.Markers.Marker.Parse(Markers!).Evaluate(new MarkerEnvironment { PythonVersion = pythonVersion, PythonFullVersion = pythonVersion });
        }

        return (Platforms.Count == 0 || Platforms.Contains(platform))
            && (Markers is null || Packaging.Markers.Marker.Parse(Markers).Evaluate(platform.MarkerValues(pythonVersion)));
    }

    /// <summary>Reads the metadata as written; null with a reason when either is wrong.</summary>
    public static PackagePlatforms? TryRead(string? platforms, string? markers, out string? problem)
    {
        problem = null;
        var names = (platforms ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !LockPlatform.TryParse(n, out _)).ToArray();
        if (unknown.Length > 0)
        {
            problem = $"Platforms names {InputQuote.Shorten(string.Join(", ", unknown))}, which M1Env does not know; use {LockPlatform.KnownNames}";
            return null;
        }

        var marker = string.IsNullOrWhiteSpace(markers) ? null : markers.Trim();
        if (marker is not null)
        {
            try
            {
                // Evaluated once per platform too: some comparisons fail only then (packaging refuses '~=' between two names).
                var parsed = Packaging.Markers.Marker.Parse(marker);
                foreach (var platform in LockPlatform.All)
                {
                    parsed.Evaluate(platform.MarkerValues("3.12"));
                }
            }
            catch (MarkerException exception)
            {
                problem = $"Markers is not a PEP 508 marker (as after ';' in a requirements line, e.g. sys_platform == 'darwin'): {exception.Message}";
                return null;
            }
        }

        var named = names.Select(n => LockPlatform.TryParse(n, out var p) ? p : null).OfType<LockPlatform>().ToHashSet();
        return new PackagePlatforms(LockPlatform.All.Where(named.Contains).ToArray(), marker);
    }
}
