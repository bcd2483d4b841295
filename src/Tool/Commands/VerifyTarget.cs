using M1Env.Core.Infrastructure.Errors;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Commands;

/// <summary>An interpreter <c>m1env verify</c> checks, and the heading its checklist gets (none for a bare interpreter).</summary>
internal sealed record VerifyTarget(string? Title, string Python)
{
    /// <summary>A declared env's interpreter; an env not made yet is a coded error, not a failed start.</summary>
    public static VerifyTarget Of(ProjectEnv env) => File.Exists(env.Python)
        ? new VerifyTarget($"env '{env.Spec.Name}' ({env.Spec.Prefix})", env.Python)
        : throw new M1EnvException(ErrorCodes.EnvNotMade, $"The env '{env.Spec.Name}' is not made yet ({env.Spec.Prefix}): run 'm1env provision' or 'dotnet build' first.");

    /// <summary>The interpreter of the env in a folder: bin/python (venv, conda), Scripts\python.exe (venv on Windows) or python.exe (conda on Windows).</summary>
    public static VerifyTarget AtPrefix(string prefix)
    {
        var folder = Path.GetFullPath(prefix);
        string[] candidates = OperatingSystem.IsWindows()
            ? [Path.Combine(folder, "Scripts", "python.exe"), Path.Combine(folder, "python.exe")]
            : [Path.Combine(folder, "bin", "python"), Path.Combine(folder, "bin", "python3")];
        return candidates.FirstOrDefault(File.Exists) is { } python
            ? new VerifyTarget($"env at {folder}", python)
            : throw new M1EnvException(ErrorCodes.EnvNotMade, Directory.Exists(folder)
                ? $"{folder} holds no env: none of {string.Join(", ", candidates)} exists. --prefix is an env's folder; for a declared env's name use --env."
                : $"There is no folder {folder}. --prefix is an env's folder; for a declared env's name use --env.");
    }
}
