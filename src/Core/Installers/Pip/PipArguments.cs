using M1Env.Core.Packaging;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Installers.Pip;

/// <summary>Builds pip's argument lists from validated settings.</summary>
public static class PipArguments
{
    public static IReadOnlyList<string> Install(PackageSourceSettings sources, IEnumerable<PipRequirement> requirements)
    {
        var arguments = new List<string> { "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off" };
        arguments.AddRange(Sources(sources));
        arguments.AddRange(requirements.Select(r => r.ToRequirementString()));
        return arguments;
    }

    /// <summary>Reinstalls damaged distributions at the version they have, leaving every other package alone.</summary>
    /// <param name="pipWheel">The bundled pip wheel pip runs from, or null: pip at that wheel's version is reinstalled from the file, as it came (the index may not have it).</param>
    public static IReadOnlyList<string> Reinstall(PackageSourceSettings sources, IEnumerable<StampedDistribution> distributions, string? pipWheel = null)
    {
        var arguments = new List<string> { "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--force-reinstall", "--no-deps" };
        arguments.AddRange(Sources(sources));
        arguments.AddRange(distributions.Select(d =>
            pipWheel is not null && PackageNames.Normalize(d.Name) == "pip" && Path.GetFileName(pipWheel) == $"pip-{d.Version}-py3-none-any.whl"
                ? pipWheel
                : $"{d.Name}=={d.Version}"));
        return arguments;
    }

    /// <summary>
    /// Installs exactly what a lock lists, with no resolver: every line of the requirements file is
    /// one artifact with its hash, and pip refuses any artifact whose hash differs.
    /// </summary>
    public static IReadOnlyList<string> InstallLocked(PackageSourceSettings sources, string requirementsFile)
    {
        var arguments = new List<string> { "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--no-deps", "--require-hashes" };
        arguments.AddRange(Sources(sources));
        arguments.AddRange(["-r", requirementsFile]);
        return arguments;
    }

    public static IReadOnlyList<string> Uninstall(IEnumerable<string> names) =>
        ["-m", "pip", "uninstall", "--disable-pip-version-check", "--no-input", "--yes", .. names];

    public static IEnumerable<string> Sources(PackageSourceSettings sources)
    {
        if (sources.Offline)
        {
            yield return "--no-index";
        }
        else
        {
            if (sources.IndexUrl is not null)
            {
                yield return "--index-url";
                yield return sources.IndexUrl;
            }

            foreach (var url in sources.ExtraIndexUrls)
            {
                yield return "--extra-index-url";
                yield return url;
            }
        }

        foreach (var link in sources.FindLinks)
        {
            yield return "--find-links";
            yield return link;
        }
    }
}
