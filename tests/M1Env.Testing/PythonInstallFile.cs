namespace M1Env.Testing;

/// <summary>
/// One file or relative link of a <see cref="RelocatablePython"/>, ready to be repacked: its bytes are those on disk
/// with ELF RUNPATHs made relative (<see cref="ElfRunpath"/>).
/// </summary>
/// <param name="Path">Relative to the install's prefix, forward slashes, e.g. <c>lib/python3.11/os.py</c>.</param>
/// <param name="Content">The file's bytes; empty for a link.</param>
/// <param name="LinkTarget">Where a symbolic link points, relative to its folder; null for a file.</param>
/// <param name="Executable">The owner may execute it (mode 0755 rather than 0644).</param>
public sealed record PythonInstallFile(string Path, byte[] Content, string? LinkTarget, bool Executable)
{
    public bool IsSymbolicLink => LinkTarget is not null;
}
