namespace M1Env.Core.Infrastructure.Diagnostics;

/// <summary>Counts as the log writes them.</summary>
public static class Counted
{
    /// <summary><c>1 package</c>, <c>3 packages</c>.</summary>
    public static string Packages(int n) => n == 1 ? "1 package" : $"{n} packages";
}
