namespace M1Env.Core.Backends.Conda;

/// <summary>
/// Which command line a conda tool speaks. mamba 2.x is micromamba's C++ program under another name
/// (mamba's <c>changes-2.0</c>), so it takes micromamba's options, not conda's: the dialect follows
/// the program, not its file name.
/// </summary>
public enum CondaCommandLine
{
    /// <summary>conda's (and mamba 1.x's, a front end over conda): <c>-q</c>, <c>--no-default-packages</c>, <c>--file</c>.</summary>
    Conda,

    /// <summary>libmamba's native programs, micromamba and mamba 2.x: no <c>--no-default-packages</c> (exit code 109), <c>-f</c>.</summary>
    Libmamba,
}
