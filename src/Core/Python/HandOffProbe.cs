using System.Text.Json;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;

namespace M1Env.Core.Python;

/// <summary>
/// Asks an env's interpreter, once, what an app that embeds it needs: the shared libpython, the
/// standard library and site-packages. It runs when an env is made from a new interpreter; its
/// answer is recorded, so no-op builds hand it on without a process.
/// </summary>
public sealed class HandOffProbe(ProcessRunner runner)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Python that defines <c>hand_off()</c>, the answer as a dict, for the interpreter that runs it.
    /// The interpreter probe asks it too: a venv's answer is its base interpreter's, but for site-packages.
    /// </summary>
    /// <remarks>
    /// The shared library: pythonXY.dll beside a Windows install; the framework binary of a macOS
    /// framework build; else INSTSONAME or LDLIBRARY in LIBDIR (or its multiarch folder). None for a
    /// static build.
    /// </remarks>
    internal const string HandOffFunction = """
        import os, platform, sys, sysconfig
        def library():
            v = sysconfig.get_config_var
            if sys.platform == "win32":
                name = "python%d%d.dll" % sys.version_info[:2]
                folders = [sys.base_prefix, os.path.dirname(getattr(sys, "_base_executable", sys.executable))]
                return next((os.path.join(d, name) for d in folders if os.path.isfile(os.path.join(d, name))), "")
            if sys.platform == "darwin" and v("PYTHONFRAMEWORK"):
                path = os.path.join(v("PYTHONFRAMEWORKPREFIX") or "", v("LDLIBRARY") or "")
                if os.path.isfile(path):
                    return path
            libdir = v("LIBDIR") or ""
            folders = [libdir, os.path.join(libdir, v("MULTIARCH") or ""), os.path.join(sys.base_prefix, "lib")]
            for name in (v("INSTSONAME"), v("LDLIBRARY")):
                if name and not name.endswith(".a"):
                    for folder in folders:
                        if os.path.isfile(os.path.join(folder, name)):
                            return os.path.join(folder, name)
            return ""
        def hand_off():
            return {"version": platform.python_version(), "library": library(),
                    "stdlib": sysconfig.get_path("stdlib"), "sitePackages": sysconfig.get_path("purelib")}

        """;

    private const string Script = HandOffFunction + "import json\nprint(json.dumps(hand_off()))\n";

    public async Task<EnvHandOff> ReadAsync(string envPython, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(envPython, ["-I", "-c", Script], streamToLog: false, cancellationToken, Timeout).ConfigureAwait(false);
        try
        {
            if (result.Succeeded)
            {
                using var document = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]);
                return Parse(document.RootElement);
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Reported below with the interpreter's own output.
        }

        throw new M1EnvException(
            ErrorCodes.VenvCreationFailed,
            $"The environment's interpreter {envPython} did not say where its library and packages are; the environment may be broken. Its output follows.",
            result.Transcript);
    }

    /// <summary>The dict <c>hand_off()</c> returns.</summary>
    /// <exception cref="KeyNotFoundException">A key is missing.</exception>
    /// <exception cref="InvalidOperationException">A value is not a string.</exception>
    internal static EnvHandOff Parse(JsonElement handOff) => new(
        handOff.GetProperty("version").GetString()!,
        handOff.GetProperty("library").GetString()!,
        handOff.GetProperty("stdlib").GetString()!,
        handOff.GetProperty("sitePackages").GetString()!);
}
