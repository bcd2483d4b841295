namespace M1Env.Core.Installers.Pip;

/// <summary>
/// A Python script that runs pip with another platform's PEP 508 marker environment. pip's
/// <c>--platform</c> options choose wheels but leave markers to the running interpreter, so without it
/// a win-x64 resolution on Linux would drop <c>pywin32; sys_platform == "win32"</c> and keep Linux-only
/// dependencies. The values come in <see cref="VariableName"/> as a JSON object; the script replaces
/// packaging's <c>default_environment</c> inside pip before pip loads anything that reads it.
/// </summary>
internal static class ForeignMarkerScript
{
    public const string FileName = "m1env_pip_for_platform.py";

    public const string VariableName = "M1ENV_PIP_MARKER_ENVIRONMENT";

    /// <summary>The pip wheel the script imports pip from (<see cref="PipLauncher"/>); unset: the running interpreter's own pip.</summary>
    public const string WheelVariableName = "M1ENV_PIP_WHEEL";

    public const string Source = """
        # Written by M1Env: runs pip with the marker environment of the platform it resolves for.
        import json
        import os
        import runpy
        import sys

        if os.environ.get("M1ENV_PIP_WHEEL"):
            sys.path.insert(0, os.environ["M1ENV_PIP_WHEEL"])

        from pip._vendor.packaging import markers

        _target = json.loads(os.environ["M1ENV_PIP_MARKER_ENVIRONMENT"])
        _running = markers.default_environment


        def _target_environment():
            environment = _running()
            if environment.get("python_version") != _target.get("python_version"):
                environment["python_full_version"] = _target["python_version"] + ".0"
            # The running machine's kernel says nothing about the target's.
            environment["platform_release"] = ""
            environment["platform_version"] = ""
            environment.update(_target)
            return environment


        markers.default_environment = _target_environment
        sys.argv[0] = "pip"
        runpy.run_module("pip", run_name="__main__", alter_sys=True)

        """;
}
