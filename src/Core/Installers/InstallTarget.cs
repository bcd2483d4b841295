using M1Env.Core.Inspection;
using M1Env.Core.Python;
using M1Env.Core.Spec;

namespace M1Env.Core.Installers;

/// <summary>
/// The env an installer works in, as the env's backend describes it, so no installer asks which kind of env it is.
/// </summary>
/// <param name="Spec">The env's spec as locked.</param>
/// <param name="Interpreter">What the env is made from: a venv's base CPython, a conda env's own Python; null before it is known.</param>
/// <param name="Python">The env's own interpreter: what an installer runs with it installs into the env.</param>
/// <param name="Read">What the env holds now, from its files.</param>
public sealed record InstallTarget(EnvSpec Spec, PythonInterpreter? Interpreter, string Python, Func<InstalledEnv> Read);
