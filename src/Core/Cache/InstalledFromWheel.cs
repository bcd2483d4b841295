using System.IO.Compression;
using M1Env.Core.Packaging;

namespace M1Env.Core.Cache;

/// <summary>
/// Whether a distribution installed in a site-packages folder holds exactly the files of a wheel:
/// pip installed it, and every file the wheel's RECORD lists is there byte for byte (its sha256 and
/// size), so its files are the ones pip would install from that wheel now.
/// </summary>
public static class InstalledFromWheel
{
    /// <param name="distInfo">The distribution's dist-info folder name, the same in the wheel and in site-packages.</param>
    public static bool Matches(string wheel, string sitePackages, string distInfo)
    {
        try
        {
            if (File.ReadAllText(Path.Combine(sitePackages, distInfo, "INSTALLER")).Trim() != "pip")
            {
                return false;
            }

            using var archive = ZipFile.OpenRead(wheel);
            if (archive.GetEntry($"{distInfo}/RECORD") is not { } record)
            {
                return false;
            }

            using var reader = new StreamReader(record.Open());
            var files = 0;
            foreach (var entry in RecordFile.Parse(reader.ReadToEnd()))
            {
                // RECORD's own row has no hash and no size.
                if (entry.Bytes is null)
                {
                    continue;
                }

                var file = Path.Combine(sitePackages, entry.Path);
                if (!File.Exists(file) || RecordEntry.For(entry.Path, File.ReadAllBytes(file)) != entry)
                {
                    return false;
                }

                files++;
            }

            return files > 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }
}
