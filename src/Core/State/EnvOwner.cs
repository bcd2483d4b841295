namespace M1Env.Core.State;

/// <summary>The declaration a prefix belongs to: one project file (its real path) and one env in it.</summary>
public sealed record EnvOwner(string ProjectFile, string EnvName)
{
    public override string ToString() => $"environment '{EnvName}' of {ProjectFile}";
}
