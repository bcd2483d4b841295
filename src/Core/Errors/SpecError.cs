namespace M1Env.Core.Errors;

/// <summary>One problem found in a declaration, reported before any process starts.</summary>
public sealed record SpecError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
