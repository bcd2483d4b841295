namespace M1Env.Core.Python;

/// <summary>What an app that embeds the env's Python needs, recorded when the env was provisioned.</summary>
/// <param name="PythonLibrary">The shared libpython (empty when the interpreter has none, e.g. a static build).</param>
public sealed record EnvHandOff(string PythonVersion, string PythonLibrary, string Stdlib, string SitePackages);
