using M1Env.Core.Engine;
using M1Env.Core.Spec;

namespace M1Env.Tool.Projects;

/// <summary>One env a project declares or uses through a referenced project, with the provisioner of the project that declares it.</summary>
internal sealed record ProjectEnv(EnvSpec Spec, EnvProvisioner Provisioner)
{
    /// <summary>The env's interpreter, where the backend puts it (it may not exist yet).</summary>
    public string Python => Provisioner.BackendFor(Spec).PythonPath(Spec.Prefix);
}
