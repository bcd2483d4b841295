using M1Env.Core.Backends;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Engine.Planning;

/// <summary>
/// Decides what to do to one env from the declaration, the stamp and what is on disk. A pure
/// function: it starts nothing and writes nothing, so every rule is unit-tested. First the env as a
/// whole (missing, half-made, moved, broken, made from another interpreter: make it again), then
/// its packages (<see cref="PackagePlanner"/>).
/// </summary>
public static class EnvPlanner
{
    public static EnvPlan Plan(PlanInputs inputs) => Plan(inputs, Judge(inputs));

    /// <param name="verdict">
    /// <see cref="Judge"/>'s answer, asked before the lock phase (which needs to know whether the env
    /// is kept) with the declaration as it stands: the env as a whole reads the same facts whatever the lock pins.
    /// </param>
    public static EnvPlan Plan(PlanInputs inputs, EnvVerdict? verdict)
    {
        if (verdict is not null)
        {
            return EnvPlan.Make(verdict.Action, inputs.Spec, verdict.Reason);
        }

        // The env's own package manager's layer (a conda env's conda packages) is its backend's to plan.
        var native = inputs.PlanNative(inputs.Spec, inputs.Stamp, inputs.Disk);
        var pip = PackagePlanner.Plan(inputs);
        if (!native.Changes)
        {
            return pip.Action == PlanAction.UpToDate && !native.MatchesRecord
                ? pip with { Action = PlanAction.RefreshStamp, Reasons = [.. native.Reasons, "matches its declaration (conda packages changed within what it allows)"], Details = [.. native.Details, .. pip.Details] }
                : pip with { Reasons = [.. native.Reasons, .. pip.Reasons], Details = [.. native.Details, .. pip.Details] };
        }

        // The native changes come first: the pip packages are then checked against what they left.
        return pip with
        {
            Action = PlanAction.Update,
            CondaInstall = native.Install,
            CondaRepair = native.Repair,
            CondaRemove = native.Remove,
            Reasons = [.. native.Reasons, .. pip.Reasons],
            Details = [.. native.Details, .. pip.Details],
        };
    }

    /// <summary>
    /// The env as a whole: made (again) with the reason, or null when it is sound and only its packages
    /// are planned. Throws where M1Env must not touch the prefix.
    /// </summary>
    public static EnvVerdict? Judge(PlanInputs inputs)
    {
        var facts = inputs.Facts;
        if (!facts.IsEnv)
        {
            if (facts.HoldsForeignFiles)
            {
                throw NotOurs(inputs, "it holds files and is not a Python environment");
            }

            return facts.BeingMade && !facts.IsEmpty ? new EnvVerdict(PlanAction.Recreate, "a build was stopped while it was making the environment")
                : facts.HasM1EnvState ? new EnvVerdict(PlanAction.Recreate, "the environment is incomplete (its interpreter or its package records are missing)")
                : new EnvVerdict(PlanAction.Create, "the environment does not exist yet");
        }

        if (DescribeBrokenEnv(inputs) is { } problem)
        {
            // M1Env deletes only what it made: a foreign env that is broken or moved stays as it is.
            return facts.IsOurs
                ? new EnvVerdict(PlanAction.Recreate, problem)
                : throw NotOurs(inputs, $"it holds an environment that M1Env did not make, and {problem}");
        }

        return null;
    }

    private static string? DescribeBrokenEnv(PlanInputs inputs)
    {
        var (stamp, disk) = (inputs.Stamp, inputs.Disk);
        if (inputs.RecordedLocation is { } recorded && !PathIdentity.AreEqual(recorded, inputs.RealPrefix))
        {
            return $"the environment was moved or copied here from {recorded}, and an environment keeps its own path in its scripts, so it is made again here (the original is not touched)";
        }

        if (stamp is { Created: false } || inputs.Facts.BeingMade)
        {
            return "a build was stopped while it was making the environment";
        }

        if (disk.CondaMetaProblems.Count > 0)
        {
            return string.Join("; ", disk.CondaMetaProblems);
        }

        if (!disk.InterpreterResolves || inputs.Interpreter is null)
        {
            return "its interpreter (bin/python, python3 or python3.X) is missing or a link to a file that is gone";
        }

        if (!inputs.Spec.Python.IsSatisfiedBy(inputs.Interpreter.ParsedVersion))
        {
            return $"it has Python {inputs.Interpreter.Version}, and the declaration asks for Python {inputs.Spec.Python}";
        }

        if (disk.SitePackages is null)
        {
            return "it has no site-packages folder";
        }

        return DescribeInterpreterChange(inputs);
    }

    private static string? DescribeInterpreterChange(PlanInputs inputs)
    {
        var (interpreter, stamp, config) = (inputs.Interpreter!, inputs.Stamp, inputs.Disk.Config);
        if (stamp?.Interpreter is not null)
        {
            return PathIdentity.AreEqual(stamp.Interpreter.Executable, interpreter.Executable) && stamp.Interpreter.Version == interpreter.Version
                ? null
                : $"the interpreter changed from CPython {stamp.Interpreter.Version} ({stamp.Interpreter.Executable}) to CPython {interpreter.Version} ({interpreter.Executable})";
        }

        var home = Path.GetDirectoryName(interpreter.Executable);
        var sameHome = config?.Home is null || home is null
            || PathIdentity.AreEqual(Path.TrimEndingDirectorySeparator(config.Home), Path.TrimEndingDirectorySeparator(home));
        var sameVersion = config?.Version is null || config.Version.StartsWith(interpreter.Version, StringComparison.Ordinal);
        return sameHome && sameVersion
            ? null
            : $"the venv was made from CPython {config?.Version} in {config?.Home}, not CPython {interpreter.Version} ({interpreter.Executable})";
    }


    private static M1EnvException NotOurs(PlanInputs inputs, string why) => new(
        ErrorCodes.PrefixNotAnEnvironment,
        $"The prefix {inputs.Spec.Prefix} of environment '{inputs.Spec.Name}' cannot be used: {why}. M1Env will not delete it: choose another Prefix or empty the folder.");

    internal static bool IsSeedPackage(string normalizedName) => normalizedName is "pip" or "setuptools" or "wheel";
}
