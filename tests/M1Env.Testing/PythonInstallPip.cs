namespace M1Env.Testing;

/// <summary>pip's files in a <see cref="RelocatablePython"/> (see <see cref="PythonInstallFiles.Pip"/>).</summary>
/// <param name="Version">pip's version, from its dist-info's name.</param>
/// <param name="SitePackages">The site-packages folder relative to the prefix, e.g. <c>lib/python3.11/site-packages</c>.</param>
/// <param name="DistInfoFolder">The full path of pip's dist-info on disk.</param>
/// <param name="Files">pip's files, paths relative to the prefix.</param>
public sealed record PythonInstallPip(string Version, string SitePackages, string DistInfoFolder, IReadOnlyList<PythonInstallFile> Files);
