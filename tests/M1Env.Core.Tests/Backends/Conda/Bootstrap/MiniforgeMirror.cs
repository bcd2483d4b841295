using System.Security.Cryptography;
using System.Text;
using M1Env.Core.Backends.Conda.Bootstrap;
using M1Env.Testing;

namespace M1Env.Core.Tests.Backends.Conda.Bootstrap;

/// <summary>A loopback mirror folder serving one Miniforge release for this machine, as conda-forge lays it out.</summary>
internal sealed class MiniforgeMirror : IDisposable
{
    private const string Folder = "/miniforge/";

    public MiniforgeMirror() => Server = StaticFileServer.Start();

    public StaticFileServer Server { get; }

    public static MiniforgeAsset Asset { get; } = MiniforgeAsset.ForCurrentMachine();

    /// <summary>The release it serves: an older one, for which M1Env pins no hash, so its installer is checked against the published <c>.sha256</c>.</summary>
    public const string Version = "25.3.1-0";

    public static string FileName => Asset.FileName(Version);

    public string Url => Server.BaseUrl.TrimEnd('/') + Folder;

    public static string InstallerPath => Folder + FileName;

    public static string ChecksumPath => InstallerPath + ".sha256";

    public int InstallerDownloads => Server.CountRequests(InstallerPath);

    public int ChecksumDownloads => Server.CountRequests(ChecksumPath);

    public static string Sha256Of(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>Serves the installer and, unless told otherwise, a <c>.sha256</c> file in sha256sum's format beside it.</summary>
    /// <param name="publishedSha256">The digest the <c>.sha256</c> file states; null for the true one.</param>
    public void Publish(byte[] installer, string? publishedSha256 = null, bool withChecksumFile = true)
    {
        Server.Add(InstallerPath, installer);
        if (withChecksumFile)
        {
            Server.Add(ChecksumPath, Encoding.ASCII.GetBytes($"{publishedSha256 ?? Sha256Of(installer)}  {FileName}\n"));
        }
        else
        {
            Server.Remove(ChecksumPath);
        }
    }

    public void Dispose() => Server.Dispose();
}
