namespace M1Env.Core.Spec;

/// <summary>A kernel runs <c>python -m ipykernel_launcher</c>: an env with <c>Jupyter="true"</c> gets ipykernel from pip unless it declares it (from pip or conda).</summary>
internal static class JupyterKernelPackage
{
    public const string Name = "ipykernel";

    public static IReadOnlyList<PipRequirement> AddedTo(IReadOnlyList<PipRequirement> pip, IReadOnlyList<CondaRequirement> conda) =>
        pip.Any(p => p.NormalizedName == Name) || conda.Any(p => p.Name == Name) ? pip : [.. pip, new PipRequirement(Name, [], string.Empty)];
}
