using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers.Pip;

/// <summary>Where pip looked, credentials removed, for error messages.</summary>
internal static class PipSourceDescription
{
    public static string Describe(PackageSourceSettings sources)
    {
        var places = new List<string>();
        if (!sources.Offline)
        {
            places.Add(UrlRedactor.Redact(sources.IndexUrl ?? "https://pypi.org/simple (pip's default)"));
            places.AddRange(sources.ExtraIndexUrls.Select(UrlRedactor.Redact));
        }

        places.AddRange(sources.FindLinks.Select(UrlRedactor.Redact));
        return places.Count == 0 ? "no package source (M1EnvOffline is true and M1EnvPipFindLinks is empty)" : string.Join(", ", places);
    }
}
