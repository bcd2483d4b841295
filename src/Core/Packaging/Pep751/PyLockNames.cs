
namespace M1Env.Core.Packaging.Pep751;

/// <summary>
/// The PEP 751 file name of an env's pip lock. PEP 751 names a lock <c>pylock.toml</c> or
/// <c>pylock.&lt;name&gt;.toml</c> with no dot in <c>&lt;name&gt;</c> (uv refuses others), while an
/// env name may hold dots: each becomes '-', so <c>ml.m1</c> locks to <c>pylock.ml-m1.toml</c>.
/// Env names hold only letters, digits, '.', '_' and '-' (<c>Spec/EnvNames</c>), so that is the only change.
/// </summary>
public static class PyLockNames
{
    /// <summary>The <c>&lt;name&gt;</c> of the env's lock: the env name with each '.' written as '-'.</summary>
    public static string LockNameOf(string envName) => envName.Replace('.', '-');

    /// <summary><c>pylock.&lt;name&gt;.toml</c> for the env.</summary>
    public static string FileNameOf(string envName) => $"pylock.{LockNameOf(envName)}.toml";

    /// <summary>The name M1Env gave the env's lock before it followed PEP 751, or null when that is the same name.</summary>
    public static string? FormerFileNameOf(string envName) => envName.Contains('.') ? $"pylock.{envName}.toml" : null;
}
