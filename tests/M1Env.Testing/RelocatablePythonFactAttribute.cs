using Xunit;

namespace M1Env.Testing;

/// <summary>
/// A fact that repacks a relocatable CPython 3.11 (see <see cref="RelocatablePython.FindPyenvPrefix"/>): skipped,
/// saying why, on machines without a pyenv 3.11.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RelocatablePythonFactAttribute : FactAttribute
{
    public RelocatablePythonFactAttribute()
    {
        if (RelocatablePython.FindPyenvPrefix() is null)
        {
            Skip = "Needs a relocatable CPython 3.11 to repack: none under $PYENV_ROOT/versions or ~/.pyenv/versions.";
        }
    }
}
