using System.Security.Cryptography;
using System.Text.Json;
using M1Env.Core.Python;

namespace M1Env.Core.Spec;

/// <summary>
/// The hash of everything that decides an env: the declaration, the interpreter it is made from,
/// where pip looks, and the tool version. Written as canonical JSON (fixed order, no whitespace)
/// so the same inputs give the same hash on every machine and every run.
/// </summary>
public static class SpecHasher
{
    public static string Hash(EnvSpec spec, PythonInterpreter? interpreter, string toolVersion) =>
        Convert.ToHexString(SHA256.HashData(CanonicalJson(spec, interpreter, toolVersion))).ToLowerInvariant();

    /// <summary>The hash of the package sources alone, recorded so a build can say that they changed.</summary>
    public static string HashSources(PackageSourceSettings sources)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteSources(json, sources);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.ToArray())).ToLowerInvariant();
    }

    internal static byte[] CanonicalJson(EnvSpec spec, PythonInterpreter? interpreter, string toolVersion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tool", toolVersion);
            json.WriteString("name", spec.Name);
            json.WriteString("kind", spec.Kind.ToString());
            json.WriteString("prefix", spec.Prefix);
            json.WriteString("python", spec.Python.ToString());

            if (interpreter is not null)
            {
                json.WriteStartObject("interpreter");
                json.WriteString("executable", interpreter.Executable);
                json.WriteString("version", interpreter.Version);
                json.WriteString("machine", interpreter.Machine);
                json.WriteString("implementation", interpreter.Implementation);
                json.WriteEndObject();
            }

            json.WritePropertyName("sources");
            WriteSources(json, spec.Sources);

            json.WriteStartArray("pip");
            // Every platform's packages, with their markers: a package added for another platform changes the lock.
            foreach (var package in spec.DeclaredPipPackages.OrderBy(p => p.NormalizedName, StringComparer.Ordinal))
            {
                json.WriteStringValue(package.ToDeclaredString());
            }

            json.WriteEndArray();

            // Only conda envs add these, so a venv's hash is what it always was.
            if (spec.DeclaredCondaPackages.Count > 0 || spec.Channels.Count > 0)
            {
                WriteArray(json, "channels", spec.Channels);
                WriteArray(json, "conda", spec.DeclaredCondaPackages.Select(p => p.AppliesOn.Marker is { } marker ? $"{p.ToMatchSpec()}; {marker}" : p.ToMatchSpec()));
                json.WriteBoolean("named", spec.Named);
            }

            // Only envs with a kernel add it, so every other env's hash is what it always was.
            if (spec.Jupyter)
            {
                json.WriteBoolean("jupyter", true);
            }

            // Only locked envs add it: an edited or checked-out lock makes another hash.
            if (spec.LockHash.Length > 0)
            {
                json.WriteString("lock", spec.LockHash);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteSources(Utf8JsonWriter json, PackageSourceSettings sources)
    {
        json.WriteStartObject();
        json.WriteString("indexUrl", sources.IndexUrl);
        WriteArray(json, "extraIndexUrls", sources.ExtraIndexUrls);
        WriteArray(json, "findLinks", sources.FindLinks);
        json.WriteBoolean("offline", sources.Offline);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
