using System.CommandLine;
using CliWrap;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Tool.Running;

namespace M1Env.Tool.Commands;

/// <summary>
/// <c>m1env run --env NAME -- COMMAND ARGS</c>: runs a command inside a declared env (the project's,
/// or a referenced env project's) without activating it, as an activated env would: COMMAND is found
/// in the env's scripts folder first, then on PATH; the scripts folder is first on PATH, VIRTUAL_ENV
/// (venv) or CONDA_PREFIX (conda) set. The env is provisioned first, so the command always sees the
/// declared env.
/// </summary>
internal static class RunCommand
{
    public static System.CommandLine.Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var env = new Option<string>("--env") { Description = "The declared env to run in (its name).", Required = true };
        var command = new System.CommandLine.Command("run", "Run a command inside a declared env, without activating it.") { project, env };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => ProjectCommand.RunAsync(parse.GetValue(project), verbose: false, async envs =>
        {
            var (spec, provisioner) = envs.Find(parse.GetValue(env)!);
            var arguments = parse.UnmatchedTokens;
            if (arguments.Count == 0)
            {
                throw new M1EnvException(ErrorCodes.InvalidCommandLine, "Give the command to run after '--', e.g. m1env run --env ml-m1 -- python train.py");
            }

            var result = await provisioner.ProvisionAsync(spec, cancellationToken);
            var folders = EnvActivation.ScriptFolders(spec, result.Python);
            var path = Environment.GetEnvironmentVariable("PATH");
            var executable = CommandLocator.Locate(arguments[0], folders, path);
            try
            {
                var run = await Cli.Wrap(executable)
                    .WithArguments(arguments.Skip(1))
                    .WithEnvironmentVariables(EnvActivation.Variables(spec, folders, path))
                    .WithValidation(CommandResultValidation.None)
                    .WithStandardOutputPipe(PipeTarget.ToStream(Console.OpenStandardOutput()))
                    .WithStandardErrorPipe(PipeTarget.ToStream(Console.OpenStandardError()))
                    .WithStandardInputPipe(PipeSource.FromStream(Console.OpenStandardInput()))
                    .ExecuteAsync(cancellationToken);
                return run.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new M1EnvException(ErrorCodes.CommandNotFound, $"{executable} could not be started: {exception.Message}");
            }
        }, cancellationToken));
        return command;
    }
}
