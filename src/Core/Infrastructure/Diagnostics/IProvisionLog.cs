namespace M1Env.Core.Infrastructure.Diagnostics;

/// <summary>
/// Where Core reports progress. MSBuild tasks and the console tool adapt it to their own output.
/// </summary>
public interface IProvisionLog
{
    /// <summary>One line per step a person wants to follow (finding Python, creating the venv...).</summary>
    void Step(string message);

    /// <summary>Detail such as the lines an external tool prints.</summary>
    void Detail(string message);

    /// <summary>Something the user should know that does not stop the build (a known-bad combination of versions).</summary>
    void Warning(string code, string message);
}
