using M1Env.Core.Python;

namespace M1Env.Core.Backends.Conda;

/// <summary>
/// The argument lists M1Env hands conda, mamba and micromamba, in the dialect each speaks
/// (<see cref="CondaCommandLine"/>). Every call is non-interactive and prints JSON; channels come
/// only from the declaration (<c>--override-channels</c>, strict priority), so a stray <c>.condarc</c>
/// decides nothing.
/// </summary>
public static class CondaArguments
{
    public static IReadOnlyList<string> Create(CondaCommandLine dialect, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs, bool json = true) =>
        [
            "create", "-p", prefix, "-y", .. Output(dialect, json), .. ChannelOptions(channels),
            .. dialect == CondaCommandLine.Conda ? ["--no-default-packages"] : Array.Empty<string>(),
            .. specs,
        ];

    public static IReadOnlyList<string> Install(CondaCommandLine dialect, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs, bool forceReinstall = false, bool json = true) =>
        [
            "install", "-p", prefix, "-y", .. Output(dialect, json), .. ChannelOptions(channels),
            .. forceReinstall ? ["--force-reinstall"] : Array.Empty<string>(),
            .. specs,
        ];

    /// <summary>
    /// What <see cref="Create"/> would do, planned and not done: the packages it would link, as JSON.
    /// The prefix need not exist (nor will it).
    /// </summary>
    public static IReadOnlyList<string> CreateDryRun(CondaCommandLine dialect, string prefix, IReadOnlyList<string> channels, IEnumerable<string> specs, bool json = true)
    {
        var create = Create(dialect, prefix, channels, specs, json);
        return [create[0], "--dry-run", .. create.Skip(1)];
    }

    /// <summary>
    /// Makes the prefix from an explicit file (<c>@EXPLICIT</c>, one package URL per line): no solver,
    /// no channels (the URLs name them), every download checked against its hash. conda spells the
    /// option <c>--file</c>, micromamba <c>-f</c>.
    /// </summary>
    /// <remarks>conda prints no JSON result for an explicit create that succeeds, only its errors.</remarks>
    public static IReadOnlyList<string> CreateFromExplicit(CondaCommandLine dialect, string prefix, string file) =>
        dialect == CondaCommandLine.Libmamba
            ? ["create", "-p", prefix, "-y", "--json", "-f", file]
            : ["create", "-p", prefix, "-y", "--json", "-q", "--no-default-packages", "--file", file];

    /// <summary>
    /// Installs an explicit file into an existing prefix: no solver; packages already there are kept.
    /// conda replaces other versions of them; libmamba links the new version beside the old one's
    /// record (see <see cref="CondaStaleRecords"/>).
    /// </summary>
    public static IReadOnlyList<string> InstallFromExplicit(CondaCommandLine dialect, string prefix, string file) =>
        dialect == CondaCommandLine.Libmamba
            ? ["install", "-p", prefix, "-y", "--json", "-f", file]
            : ["install", "-p", prefix, "-y", "--json", "-q", "--file", file];

    /// <summary>micromamba's remove takes no channel options, and neither needs them. <c>--force</c> removes just these, with no solver.</summary>
    public static IReadOnlyList<string> Remove(CondaCommandLine dialect, string prefix, IEnumerable<string> names, bool force = false) =>
        ["remove", "-p", prefix, "-y", .. Output(dialect, json: true), .. force ? ["--force"] : Array.Empty<string>(), .. names];

    /// <summary>
    /// The same solve as a dry run without <c>--json</c>: libmamba explains a solve that failed only in
    /// its text output. A dry run, so that a rerun that happens to succeed changes nothing.
    /// </summary>
    public static IReadOnlyList<string> ExplainingRerun(IReadOnlyList<string> arguments) =>
        arguments.Contains("--dry-run")
            ? arguments.Where(a => a != "--json").ToArray()
            : [arguments[0], "--dry-run", .. arguments.Skip(1).Where(a => a != "--json")];

    /// <summary>The match spec for the env's Python: 3.11 means any 3.11.x, 3.11.7 exactly that.</summary>
    public static string PythonSpec(PythonRequest python) =>
        python.Micro is not null ? $"python=={python}" : $"python {python}.*";

    // Without -q conda writes progress records before its JSON result; libmamba's programs write none with --json.
    private static string[] Output(CondaCommandLine dialect, bool json) =>
        !json ? []
        : dialect == CondaCommandLine.Libmamba ? ["--json"]
        : ["--json", "-q"];

    private static IEnumerable<string> ChannelOptions(IReadOnlyList<string> channels) =>
        ["--override-channels", "--strict-channel-priority", .. channels.SelectMany(channel => new[] { "-c", channel })];
}
