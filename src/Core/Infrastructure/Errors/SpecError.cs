namespace M1Env.Core.Infrastructure.Errors;

/// <summary>One problem found in a declaration, reported before any process starts.</summary>
/// <param name="DeclaredIn">Where the faulty item is declared; null when the problem is the project's (a property).</param>
public sealed record SpecError(string Code, string Message, DeclarationSite? DeclaredIn = null)
{
    public override string ToString() => $"{Code}: {Message}";
}
