using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Backends.Conda.Bootstrap;

/// <summary>One installer of one Miniforge release: its URLs, and what to tell a person who cannot download it.</summary>
internal sealed record MiniforgeRelease(MiniforgeSettings Settings, MiniforgeAsset Asset)
{
    public string Version => Settings.Version;

    public string FileName => Asset.FileName(Settings.Version);

    public Uri InstallerUrl => new(Settings.ReleaseFolderUrl, Uri.EscapeDataString(FileName));

    public Uri ChecksumUrl => new(Settings.ReleaseFolderUrl, Uri.EscapeDataString(FileName + ".sha256"));

    /// <summary>A URL as logs and errors show it: credentials replaced by <c>****</c>.</summary>
    public static string Display(Uri url) => UrlRedactor.Redact(url.AbsoluteUri);

    /// <summary><see cref="ErrorCodes.MiniforgeDownloadFailed"/>, saying how to go on without the download.</summary>
    public M1EnvException DownloadFailed(Uri url, string reason, Exception? inner = null)
    {
        var (install, conda) = Asset.IsWindowsInstaller
            ? ($"start /wait \"\" {FileName} /InstallationType=JustMe /RegisterPython=0 /S /D=%UserProfile%\\miniforge3", "%UserProfile%\\miniforge3\\Scripts\\conda.exe")
            : ($"bash {FileName} -b -p ~/miniforge3", "~/miniforge3/bin/conda");
        return new M1EnvException(
            ErrorCodes.MiniforgeDownloadFailed,
            $"No conda was found, and M1Env could not download Miniforge to install it: {Display(url)}: {UrlRedactor.Redact(reason)}. "
            + $"Either install Miniforge yourself (https://github.com/conda-forge/miniforge: download {FileName}, then run `{install}`) and set M1EnvCondaExe to {conda}, "
            + $"or set M1EnvMiniforgeUrl to a mirror folder that serves {FileName} and {FileName}.sha256.",
            inner: inner);
    }
}
