using Xunit;

namespace M1Env.Testing;

/// <summary>A fact that serves real pip wheels (<see cref="RealPipWheels"/>): skipped, saying why, when one is not on this machine.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RealPipFactAttribute : FactAttribute
{
    public RealPipFactAttribute(params string[] versions)
    {
        if (versions.FirstOrDefault(v => RealPipWheels.Find(v) is null) is { } missing)
        {
            Skip = $"Needs the wheel of pip {missing}, as a CPython installation bundles it for ensurepip (pyenv's 3.7 and 3.8 hold 22.0.4, 3.13 holds 24.2).";
        }
    }
}
