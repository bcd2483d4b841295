namespace M1Env.Core.Packaging.Pep751;

/// <summary>The PEP 751 key names, and the <c>[tool.m1env]</c> ones, in the order the writer emits them.</summary>
internal static class PyLockKeys
{
    public const string LockVersion = "lock-version";
    public const string Environments = "environments";
    public const string RequiresPython = "requires-python";
    public const string Extras = "extras";
    public const string DependencyGroups = "dependency-groups";
    public const string DefaultGroups = "default-groups";
    public const string CreatedBy = "created-by";
    public const string Packages = "packages";
    public const string Tool = "tool";

    public const string Name = "name";
    public const string Version = "version";
    public const string Marker = "marker";
    public const string Dependencies = "dependencies";
    public const string Index = "index";
    public const string Sdist = "sdist";
    public const string Wheels = "wheels";

    public const string UploadTime = "upload-time";
    public const string Url = "url";
    public const string Path = "path";
    public const string Size = "size";
    public const string Hashes = "hashes";
    public const string Sha256 = "sha256";

    public const string M1Env = "m1env";
    public const string Env = "env";
    public const string Requirements = "requirements";
    public const string Platforms = "platforms";
}
