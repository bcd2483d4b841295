namespace M1Env.Core.Packaging.Markers;

internal sealed class MarkerAnd(Marker left, Marker right) : Marker
{
    public override bool Evaluate(MarkerEnvironment environment) => left.Evaluate(environment) && right.Evaluate(environment);
}

internal sealed class MarkerOr(Marker left, Marker right) : Marker
{
    public override bool Evaluate(MarkerEnvironment environment) => left.Evaluate(environment) || right.Evaluate(environment);
}

/// <summary>One side of a comparison: a quoted string or a variable name.</summary>
internal sealed record MarkerOperand(string Text, bool IsVariable);
