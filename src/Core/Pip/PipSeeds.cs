using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Paths;

namespace M1Env.Core.Pip;

/// <summary>
/// An interpreter's bundled pip as installed into a venv, kept (<see cref="KeptInstalls"/>) once
/// per pip wheel and Python version. The first env made without pip gets pip from the wheel (a pip
/// run that byte-compiles all of pip, most of a fresh env's time); every later env gets the kept
/// install, in a fraction of that time.
/// </summary>
public sealed class PipSeeds(KeptInstalls kept)
{
    /// <summary>The kept install's folder for a wheel and a Python version (it may not exist yet).</summary>
    public string FolderFor(string wheel, Version python) => kept.FolderFor(KeyFor(wheel, python));

    /// <summary>Whether pip from <paramref name="wheel"/> is kept for this Python.</summary>
    public bool Has(string wheel, Version python) => kept.Has(KeyFor(wheel, python));

    /// <summary>Gives a venv made without pip the kept pip of <paramref name="wheel"/>; false when there is none, or it could not be linked whole.</summary>
    /// <param name="sitePackages">The env's site-packages folder.</param>
    /// <param name="envPython">The env's interpreter, written into the scripts.</param>
    public bool TryPlant(string wheel, Version python, string prefix, string sitePackages, string envPython) =>
        kept.TryPlant(KeyFor(wheel, python), prefix, sitePackages, envPython, new Dictionary<string, byte[]> { ["REQUESTED"] = [] });

    /// <summary>Keeps the pip just installed into an env from <paramref name="wheel"/>, for the next env.</summary>
    public void Keep(string wheel, Version python, string prefix, string sitePackages, string envPython) =>
        kept.Keep(KeyFor(wheel, python), prefix, sitePackages, $"pip-{PipVersion(wheel)}.dist-info", envPython);

    /// <summary><c>pip/NAME-pyX.Y-ID</c>: by the wheel's name and real path, as a rebuilt interpreter may ship another wheel of the same name.</summary>
    public static string KeyFor(string wheel, Version python)
    {
        var identity = SHA256.HashData(Encoding.UTF8.GetBytes(PathIdentity.RealPath(wheel)));
        return Path.Combine("pip", $"{Path.GetFileNameWithoutExtension(wheel)}-py{python.Major}.{python.Minor}-{Convert.ToHexString(identity, 0, 4).ToLowerInvariant()}");
    }

    /// <summary>The version in a wheel's name (<c>pip-23.2.1-py3-none-any.whl</c>).</summary>
    private static string PipVersion(string wheel) => Path.GetFileNameWithoutExtension(wheel).Split('-')[1];
}
