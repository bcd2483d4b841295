using System.Text;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Packaging;
using M1Env.Core.Packaging.Pep751;

namespace M1Env.Core.Installers.Pip;

/// <summary>
/// The requirements file that installs selected lock artifacts with
/// <c>pip install --no-deps --require-hashes -r FILE</c>: one <c>name @ URL --hash=sha256:HEX</c> line per file,
/// so pip downloads exactly those files, checks each hash and resolves nothing.
/// </summary>
public static class PipHashedRequirements
{
    /// <param name="indexUrls">The configured index URLs, which give back the private hosts of placeholder URLs (<see cref="PrivateHosts.Restore"/>).</param>
    /// <param name="lockDirectory">The lock file's folder, against which relative <c>path</c> entries are resolved.</param>
    /// <exception cref="M1EnvException"><see cref="ErrorCodes.LockFileInvalid"/> when a placeholder host has no configured index.</exception>
    public static string Write(IEnumerable<SelectedArtifact> selected, IEnumerable<string>? indexUrls = null, string? lockDirectory = null)
    {
        var indexes = indexUrls?.ToArray() ?? [];
        var text = new StringBuilder();
        foreach (var item in selected.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var location = LocationOf(item.Artifact, indexes, lockDirectory);
            text.Append(item.Name).Append(" @ ").Append(location).Append(" --hash=sha256:").Append(item.Artifact.Sha256).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Where pip gets the artifact: its URL with a placeholder host restored, or its path as a file URL.</summary>
    public static string LocationOf(PyLockArtifact artifact, IReadOnlyList<string> indexUrls, string? lockDirectory)
    {
        if (artifact.Url is { } url)
        {
            return PrivateHosts.Restore(url, indexUrls);
        }

        var path = Path.GetFullPath(artifact.Path!, lockDirectory ?? Directory.GetCurrentDirectory());
        return new Uri(path).AbsoluteUri;
    }
}
