namespace M1Env.Core.Python;

/// <summary>
/// The identity of a base interpreter: enough to tell, without starting it, whether an env made
/// from it is still the env the declaration asks for.
/// </summary>
public sealed record PythonInterpreter(string Executable, string Version, string Machine, string Implementation)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Version ParsedVersion => System.Version.Parse(Version);

    public override string ToString() => $"{Implementation} {Version} ({Machine}) at {Executable}";
}
