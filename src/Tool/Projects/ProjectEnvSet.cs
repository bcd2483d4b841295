using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Tool.Projects;

/// <summary>
/// The envs a project acts on: its own and those of the projects it references, each prepared with
/// the settings of the project that declares it (its root, tools folder, sources, lock).
/// </summary>
internal sealed record ProjectEnvSet(IReadOnlyList<ProjectEnv> Envs, IReadOnlyList<(string File, SpecError Error)> Errors)
{
    public static ProjectEnvSet Prepare(IReadOnlyList<LoadedProject> projects, IProvisionLog log)
    {
        var envs = new List<ProjectEnv>();
        var errors = new List<(string, SpecError)>();
        // A project that declares no env (an app that only references env projects) may not import M1Env: it has no settings to prepare.
        foreach (var project in projects.Where(p => p.Envs.Count > 0 || p.PipPackages.Count > 0 || p.CondaPackages.Count > 0))
        {
            var (specs, provisioner) = project.Settings.Prepare(project.Envs, project.PipPackages, project.CondaPackages, log, buildKey: null);
            envs.AddRange(specs.Envs.Select(spec => new ProjectEnv(spec, provisioner)));
            errors.AddRange(specs.Errors.Select(error => (error.DeclaredIn?.File ?? project.Settings.ProjectFile, error)));
        }

        return new ProjectEnvSet(envs, errors);
    }

    /// <summary>The env named <paramref name="name"/> (an env name, never a folder), or a coded error that lists the declared ones.</summary>
    public ProjectEnv Find(string name) =>
        Envs.FirstOrDefault(e => string.Equals(e.Spec.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new M1EnvException(ErrorCodes.UnknownEnv, Envs.Count == 0
            ? $"The project declares no env '{name}' (it declares none, and references no env project). --env is an env's name; for a folder use --prefix."
            : $"The project declares no env '{name}' (it declares {string.Join(", ", Envs.Select(e => e.Spec.Name))}). --env is an env's name; for a folder use --prefix.");
}
