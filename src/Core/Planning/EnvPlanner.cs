using M1Env.Core.Errors;
using M1Env.Core.Paths;
using M1Env.Core.Python;
using M1Env.Core.Spec;
using M1Env.Core.State;

namespace M1Env.Core.Planning;

/// <summary>
/// Decides what to do to one env from the declaration, the stamp and what is on disk. A pure
/// function: it starts nothing and writes nothing, so every rule is unit-tested.
/// </summary>
public static class EnvPlanner
{
    public static EnvPlan Plan(EnvSpec spec, PythonInterpreter interpreter, string specHash, EnvStamp? stamp, PrefixFacts facts)
    {
        if (!facts.IsVenv)
        {
            if (facts.Exists && !facts.IsEmpty && !facts.HasM1EnvState)
            {
                throw new M1EnvException(
                    ErrorCodes.PrefixNotAnEnvironment,
                    $"The prefix {spec.Prefix} of environment '{spec.Name}' already holds files and is not a Python environment. M1Env will not delete them: choose another Prefix or empty the folder.");
            }

            var why = facts.HasM1EnvState ? "the environment is incomplete (no interpreter in it)" : "the environment does not exist yet";
            return new EnvPlan(facts.HasM1EnvState ? PlanAction.Recreate : PlanAction.Create, spec.PipPackages, [], [why]);
        }

        var interpreterChange = DescribeInterpreterChange(interpreter, stamp, facts);
        if (interpreterChange is not null)
        {
            if (!facts.HasM1EnvState)
            {
                throw new M1EnvException(
                    ErrorCodes.PrefixNotAnEnvironment,
                    $"The prefix {spec.Prefix} of environment '{spec.Name}' holds a venv that M1Env did not make, and {interpreterChange}. M1Env will not delete it: choose another Prefix or delete the folder.");
            }

            return new EnvPlan(PlanAction.Recreate, spec.PipPackages, [], [interpreterChange]);
        }

        var reasons = new List<string>();
        IReadOnlyList<PipRequirement> install;
        IEnumerable<string> previouslyDeclared;
        if (stamp is { Complete: true })
        {
            if (stamp.SpecHash == specHash)
            {
                return new EnvPlan(PlanAction.UpToDate, [], [], []);
            }

            var stamped = stamp.PipPackages.ToDictionary(p => p.Name, p => p.Requirement, StringComparer.Ordinal);
            install = spec.PipPackages
                .Where(p => !stamped.TryGetValue(p.NormalizedName, out var requirement) || requirement != p.ToRequirementString())
                .ToArray();
            foreach (var package in install)
            {
                reasons.Add(stamped.TryGetValue(package.NormalizedName, out var old)
                    ? $"{old} changed to {package.ToRequirementString()}"
                    : $"{package.ToRequirementString()} was added");
            }

            previouslyDeclared = stamped.Keys;
        }
        else
        {
            // No trustworthy record of the env: make sure every declared package is there (pip skips
            // what is already satisfied), and remove what an interrupted build may have left.
            install = spec.PipPackages;
            reasons.Add(stamp is null
                ? "no stamp (first build with this prefix, or after 'dotnet clean'): checking every package"
                : "the previous build did not finish: repairing");
            previouslyDeclared = stamp?.PipPackages.Select(p => p.Name) ?? [];
        }

        var desired = spec.PipPackages.Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        var uninstall = previouslyDeclared.Where(name => !desired.Contains(name)).Order(StringComparer.Ordinal).ToArray();
        reasons.AddRange(uninstall.Select(name => $"{name} was removed"));

        if (install.Count == 0 && uninstall.Length == 0)
        {
            reasons.Add("the packages are unchanged; the settings or the tool version changed");
            return new EnvPlan(PlanAction.RefreshStamp, [], [], reasons);
        }

        return new EnvPlan(PlanAction.Update, install, uninstall, reasons);
    }

    private static string? DescribeInterpreterChange(PythonInterpreter interpreter, EnvStamp? stamp, PrefixFacts facts)
    {
        if (stamp is not null)
        {
            return PathIdentity.AreEqual(stamp.Interpreter.Executable, interpreter.Executable) && stamp.Interpreter.Version == interpreter.Version
                ? null
                : $"the interpreter changed from CPython {stamp.Interpreter.Version} ({stamp.Interpreter.Executable}) to CPython {interpreter.Version} ({interpreter.Executable})";
        }

        var home = Path.GetDirectoryName(interpreter.Executable);
        var sameHome = facts.VenvHome is null || home is null || PathIdentity.AreEqual(Path.TrimEndingDirectorySeparator(facts.VenvHome), Path.TrimEndingDirectorySeparator(home));
        var sameVersion = facts.VenvVersion is null || facts.VenvVersion.StartsWith(interpreter.Version, StringComparison.Ordinal);
        return sameHome && sameVersion
            ? null
            : $"the venv was made from CPython {facts.VenvVersion} in {facts.VenvHome}, not CPython {interpreter.Version} ({interpreter.Executable})";
    }
}
