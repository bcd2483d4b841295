using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.State;

namespace M1Env.Core.Engine.Jupyter;

/// <summary>
/// The Jupyter kernels of a project's envs (<c>Jupyter="true"</c>), in Jupyter's per-user kernels
/// folder. A kernel is shown as "Python (NAME)" and stored under a name unique to the env's prefix,
/// so two clones with an env of one name never overwrite or delete each other's. It is written when
/// the env is provisioned (made, changed, moved), and removed when the env no longer asks for one:
/// the project's record of its kernels (<c>M1EnvRoot/.jupyter-kernels.json</c>) says which it made.
/// Only a build that runs the task gets here, so a no-op build stays free.
/// </summary>
public sealed class JupyterKernels(string dataDirectory, IProvisionLog log)
{
    private const string RecordName = ".jupyter-kernels.json";

    public string KernelsDirectory => Path.Combine(dataDirectory, "kernels");

    /// <summary>The kernel's folder name: <c>m1env-NAME-HASH</c>, lower case (Jupyter's rule), the hash of the prefix's real path.</summary>
    public static string KernelName(string envName, string realPrefix)
    {
        var name = new string(envName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(PathIdentity.Key(realPrefix))))[..8].ToLowerInvariant();
        return $"m1env-{name}-{hash}";
    }

    /// <summary>Writes the env's kernel where it is missing or says something else; returns its name.</summary>
    public string Register(EnvOwner owner, string realPrefix, string python)
    {
        var name = KernelName(owner.EnvName, realPrefix);
        var folder = Path.Combine(KernelsDirectory, name);
        var json = new KernelSpec($"Python ({owner.EnvName})", python, owner, realPrefix).ToJson();
        var file = Path.Combine(folder, KernelSpec.FileName);
        if (File.Exists(file) && File.ReadAllText(file) == json)
        {
            return name;
        }

        Directory.CreateDirectory(folder);
        var scratch = file + "." + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(scratch, json);
        File.Move(scratch, file, overwrite: true);
        log.Step($"Registered the Jupyter kernel \"Python ({owner.EnvName})\" of environment '{owner.EnvName}' ({folder}).");
        return name;
    }

    /// <summary>
    /// Removes the kernels this project made for envs that no longer ask for one (the record says
    /// which it made; each is removed only when its kernel.json names this project and env), and
    /// records the ones it has now.
    /// </summary>
    /// <param name="envRoot">M1EnvRoot, where the project's record lives.</param>
    /// <param name="current">The kernels of this build's envs, by env name.</param>
    public void Forget(string envRoot, string projectFile, IReadOnlyDictionary<string, string> current)
    {
        try
        {
            ForgetAndRecord(envRoot, projectFile, current);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Warning(ErrorCodes.FileSystemError, $"M1Env could not update the record of this project's Jupyter kernels in {envRoot}: {exception.Message} A kernel of an env that no longer asks for one may stay in Jupyter's list; delete it from {KernelsDirectory}.");
        }
    }

    private void ForgetAndRecord(string envRoot, string projectFile, IReadOnlyDictionary<string, string> current)
    {
        var recordPath = Path.Combine(envRoot, RecordName);
        var recorded = JsonFile.TryRead(recordPath, KernelRecordJsonContext.Default.DictionaryStringString) ?? [];
        foreach (var (env, kernel) in recorded.Where(r => current.GetValueOrDefault(r.Key) != r.Value))
        {
            var folder = Path.Combine(KernelsDirectory, kernel);
            if (KernelSpec.OwnerIn(folder) is { } owner && owner == new EnvOwner(projectFile, env))
            {
                Leftovers.DeleteFolder(folder);
                log.Step($"Removed the Jupyter kernel of environment '{env}' ({folder}): the env no longer has Jupyter=\"true\".");
            }
        }

        if (recorded.Count == current.Count && current.All(c => recorded.GetValueOrDefault(c.Key) == c.Value))
        {
            return;
        }

        if (current.Count == 0)
        {
            Leftovers.DeleteFile(recordPath);
            return;
        }

        Directory.CreateDirectory(envRoot);
        File.WriteAllText(recordPath, JsonSerializer.Serialize(new Dictionary<string, string>(current), KernelRecordJsonContext.Default.DictionaryStringString));
    }
}
