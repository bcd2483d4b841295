using System.CommandLine;
using CliWrap;
using M1Env.Core.Errors;

namespace M1Env.Tool.Commands;

/// <summary>
/// <c>m1env run --env NAME -- COMMAND ARGS</c>: runs a command inside a declared env without activating
/// it: the env's scripts folder first on PATH, VIRTUAL_ENV (venv) or CONDA_PREFIX (conda) set, as
/// activation does. The env is provisioned first, so the command always sees the declared env.
/// </summary>
internal static class RunCommand
{
    public static System.CommandLine.Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var env = new Option<string>("--env") { Description = "The declared env to run in.", Required = true };
        var command = new System.CommandLine.Command("run", "Run a command inside a declared env, without activating it.") { project, env };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), verbose: false, async (specs, provisioner) =>
        {
            var name = parse.GetValue(env)!;
            var spec = specs.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new M1EnvException(ErrorCodes.UnknownEnv, $"The project declares no env '{name}' (it declares {string.Join(", ", specs.Select(s => s.Name))}).");
            var arguments = parse.UnmatchedTokens;
            if (arguments.Count == 0)
            {
                throw new M1EnvException(ErrorCodes.InvalidSetting, "Give the command to run after '--', e.g. m1env run --env ml-m1 -- python train.py");
            }

            var result = await provisioner.ProvisionAsync(spec, cancellationToken);
            var scripts = Path.GetDirectoryName(result.Python)!;
            var variables = new Dictionary<string, string?>
            {
                ["PATH"] = scripts + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                [spec.Kind == Core.Spec.EnvKind.Conda ? "CONDA_PREFIX" : "VIRTUAL_ENV"] = spec.Prefix,
                ["PYTHONHOME"] = null,
            };
            var executable = arguments[0] is "python" or "python3" ? result.Python : arguments[0];
            var run = await Cli.Wrap(executable)
                .WithArguments(arguments.Skip(1))
                .WithEnvironmentVariables(variables)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStream(Console.OpenStandardOutput()))
                .WithStandardErrorPipe(PipeTarget.ToStream(Console.OpenStandardError()))
                .WithStandardInputPipe(PipeSource.FromStream(Console.OpenStandardInput()))
                .ExecuteAsync(cancellationToken);
            return run.ExitCode;
        }, cancellationToken));
        return command;
    }
}
