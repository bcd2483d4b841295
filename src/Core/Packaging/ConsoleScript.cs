namespace M1Env.Core.Packaging;

/// <summary>
/// A POSIX console script as pip writes it (distlib's <c>ScriptMaker</c>): a launcher naming the
/// env's interpreter, then the body that imports the entry point. The launcher is a <c>#!</c> line,
/// or, where that line would be too long for the kernel or the path holds a space, a <c>/bin/sh</c>
/// line that <c>exec</c>s the interpreter.
/// </summary>
public static class ConsoleScript
{
    /// <summary>The launcher for <paramref name="python"/>, as distlib builds it.</summary>
    public static string Launch(string python)
    {
        var executable = python.Contains(' ', StringComparison.Ordinal) ? $"\"{python}\"" : python;
        var longest = OperatingSystem.IsMacOS() ? 512 : 127;
        return !executable.Contains(' ', StringComparison.Ordinal) && executable.Length + 3 <= longest
            ? $"#!{executable}\n"
            : $"#!/bin/sh\n'''exec' {executable} \"$0\" \"$@\"\n' '''";
    }
}
