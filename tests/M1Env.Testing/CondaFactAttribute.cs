using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact that runs a real conda: skipped, saying why, unless <c>M1ENV_TEST_CONDA</c>
/// (<see cref="CondaTestEnvironment.VariableName"/>) names the conda executable.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CondaFactAttribute : FactAttribute
{
    public CondaFactAttribute()
    {
        if (CondaTestEnvironment.Executable is null)
        {
            Skip = $"Needs a real conda: set {CondaTestEnvironment.VariableName} to its executable (e.g. /opt/conda/bin/conda).";
        }
    }
}
