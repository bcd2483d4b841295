namespace M1Env.Core.Packaging.Markers;

/// <summary>
/// The values PEP 508 environment markers are evaluated against, for one interpreter: what
/// <c>packaging.markers.default_environment()</c> returns there. The integrator reads them from the interpreter.
/// </summary>
public sealed record MarkerEnvironment
{
    public string OsName { get; init; } = string.Empty;
    public string SysPlatform { get; init; } = string.Empty;
    public string PlatformMachine { get; init; } = string.Empty;
    public string PlatformPythonImplementation { get; init; } = string.Empty;
    public string PlatformRelease { get; init; } = string.Empty;
    public string PlatformSystem { get; init; } = string.Empty;
    public string PlatformVersion { get; init; } = string.Empty;
    public string PythonVersion { get; init; } = string.Empty;
    public string PythonFullVersion { get; init; } = string.Empty;
    public string ImplementationName { get; init; } = string.Empty;
    public string ImplementationVersion { get; init; } = string.Empty;

    /// <summary>The <c>extra</c> of a dependency's metadata; empty when installing from a lock.</summary>
    public string Extra { get; init; } = string.Empty;

    /// <summary>The extras asked for (PEP 751's <c>'x' in extras</c>).</summary>
    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>The dependency groups asked for (PEP 751's <c>'x' in dependency_groups</c>); by default the lock's default-groups.</summary>
    public IReadOnlyList<string> DependencyGroups { get; init; } = [];

    /// <summary>The value of a marker variable; null for a name PEP 508 does not define.</summary>
    /// <remarks>The dotted names (<c>os.name</c>, <c>sys.platform</c>...) are the legacy spellings packaging still accepts.</remarks>
    internal string? Get(string variable) => variable switch
    {
        "os_name" or "os.name" => OsName,
        "sys_platform" or "sys.platform" => SysPlatform,
        "platform_machine" or "platform.machine" => PlatformMachine,
        "platform_python_implementation" or "platform.python_implementation" or "python_implementation" => PlatformPythonImplementation,
        "platform_release" => PlatformRelease,
        "platform_system" => PlatformSystem,
        "platform_version" or "platform.version" => PlatformVersion,
        "python_version" => PythonVersion,
        "python_full_version" => PythonFullVersion,
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        "extra" => Extra,
        _ => null,
    };

    /// <summary>The set-valued variables of PEP 751, which only <c>in</c> and <c>not in</c> may test.</summary>
    internal IReadOnlyList<string>? GetSet(string variable) => variable switch
    {
        "extras" => Extras,
        "dependency_groups" => DependencyGroups,
        _ => null,
    };
}
