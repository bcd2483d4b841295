using M1Env.Core.Spec;

namespace M1Env.Core.Conda;

/// <summary>
/// The argument lists M1Env hands conda, mamba and micromamba. Every call is non-interactive and
/// prints JSON; channels come only from the declaration (<c>--override-channels</c>, strict priority),
/// so a stray <c>.condarc</c> decides nothing.
/// </summary>
public static class CondaArguments
{
    public static IReadOnlyList<string> Create(CondaFlavor flavor, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs) =>
        [
            "create", "-p", prefix, "-y", "--json", .. Quiet(flavor), .. ChannelOptions(channels),
            .. flavor == CondaFlavor.Micromamba ? Array.Empty<string>() : ["--no-default-packages"],
            .. specs,
        ];

    public static IReadOnlyList<string> Install(CondaFlavor flavor, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs, bool forceReinstall = false) =>
        [
            "install", "-p", prefix, "-y", "--json", .. Quiet(flavor), .. ChannelOptions(channels),
            .. forceReinstall ? ["--force-reinstall"] : Array.Empty<string>(),
            .. specs,
        ];

    /// <summary>
    /// What <see cref="Create"/> would do, planned and not done: the packages it would link, as JSON.
    /// The prefix need not exist (nor will it).
    /// </summary>
    public static IReadOnlyList<string> CreateDryRun(CondaFlavor flavor, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs) =>
        [.. Create(flavor, prefix, channels, specs).Take(1), "--dry-run", .. Create(flavor, prefix, channels, specs).Skip(1)];

    /// <summary>
    /// Makes the prefix from an explicit file (<c>@EXPLICIT</c>, one package URL per line): no solver,
    /// no channels (the URLs name them), every download checked against its hash. conda spells the
    /// option <c>--file</c>, micromamba <c>-f</c>.
    /// </summary>
    /// <remarks>conda prints no JSON result for an explicit create that succeeds, only its errors.</remarks>
    public static IReadOnlyList<string> CreateFromExplicit(CondaFlavor flavor, string prefix, string file) =>
        flavor == CondaFlavor.Micromamba
            ? ["create", "-p", prefix, "-y", "--json", "-f", file]
            : ["create", "-p", prefix, "-y", "--json", "-q", "--no-default-packages", "--file", file];

    /// <summary>
    /// Installs an explicit file into an existing prefix: no solver; packages already there are kept,
    /// other versions of them replaced.
    /// </summary>
    public static IReadOnlyList<string> InstallFromExplicit(CondaFlavor flavor, string prefix, string file) =>
        flavor == CondaFlavor.Micromamba
            ? ["install", "-p", prefix, "-y", "--json", "-f", file]
            : ["install", "-p", prefix, "-y", "--json", "-q", "--file", file];

    /// <summary>micromamba's remove takes no channel options, and neither needs them. <c>--force</c> removes just these, with no solver.</summary>
    public static IReadOnlyList<string> Remove(CondaFlavor flavor, string prefix, IEnumerable<string> names, bool force = false) =>
        ["remove", "-p", prefix, "-y", "--json", .. Quiet(flavor), .. force ? ["--force"] : Array.Empty<string>(), .. names];

    /// <summary>The match spec for the env's Python: 3.11 means any 3.11.x, 3.11.7 exactly that.</summary>
    public static string PythonSpec(PythonRequest python) =>
        python.Micro is not null ? $"python=={python}" : $"python {python}.*";

    // Without -q conda writes progress records before its JSON result; micromamba has no -q with --json.
    private static string[] Quiet(CondaFlavor flavor) => flavor == CondaFlavor.Micromamba ? [] : ["-q"];

    private static IEnumerable<string> ChannelOptions(IReadOnlyList<string> channels) =>
        ["--override-channels", "--strict-channel-priority", .. channels.SelectMany(channel => new[] { "-c", channel })];
}
