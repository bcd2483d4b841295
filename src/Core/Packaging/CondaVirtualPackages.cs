namespace M1Env.Core.Packaging;

/// <summary>
/// The virtual packages a conda lock for a platform is resolved against, fixed so the lock depends on
/// the platform only and never on the machine that resolved it: <c>__osx</c> 11.0 for Apple Silicon
/// (its first macOS) and 10.15 for Intel Macs, <c>__glibc</c> 2.17 on Linux (what conda-forge builds
/// against), the platform's archspec, and no <c>__cuda</c>.
/// </summary>
/// <param name="Archspec">The <c>__archspec</c> microarchitecture: <c>m1</c>, <c>x86_64</c>, <c>aarch64</c>.</param>
/// <param name="Osx">The <c>__osx</c> version on macOS; null elsewhere.</param>
/// <param name="Glibc">The <c>__glibc</c> version on Linux; null elsewhere.</param>
public sealed record CondaVirtualPackages(string Archspec, string? Osx = null, string? Glibc = null);
