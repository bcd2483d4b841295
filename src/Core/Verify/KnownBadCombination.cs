namespace M1Env.Core.Verify;

/// <summary>
/// One combination of versions known not to work, from <c>known-bad-combinations.json</c>. It applies
/// when every package it names is declared with a version range that can reach its bad range, and the
/// Python, OS and macOS version fit its conditions.
/// </summary>
/// <param name="Packages">Normalised name to the PEP 440 range that is bad ("" means any version).</param>
/// <param name="Python">The Python versions it applies to (a PEP 440 range), or null for any.</param>
/// <param name="Os">"macos" when it applies on macOS only, or null for every OS.</param>
/// <param name="MacOS">The macOS versions it applies to (a PEP 440 range), or null for any.</param>
/// <param name="Source">Where it is documented, so a reader can check it and tell when it stops holding.</param>
public sealed record KnownBadCombination(
    string Id,
    IReadOnlyDictionary<string, string> Packages,
    string? Python,
    string? Os,
    string? MacOS,
    string Problem,
    string Fix,
    string Source);
