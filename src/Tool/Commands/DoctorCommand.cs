using System.CommandLine;
using M1Env.Core.Backends.Conda;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Machine;
using M1Env.Core.Spec;
using M1Env.Core.Verify;
using M1Env.Tool.Doctor;
using M1Env.Tool.Projects;
using Spectre.Console;

namespace M1Env.Tool.Commands;

/// <summary>
/// <c>m1env doctor [--project P] [--json]</c>: the course's module-1 checklist for this machine and
/// the project in the current folder, a tick or a cross per line with what to do; exit code 1 when a
/// line fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var json = new Option<bool>("--json") { Description = "Write the checklist as JSON, for scripts." };
        var command = new Command("doctor", "Check this machine and the project's envs, as the course's checklist does.") { project, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var checks = new List<DoctorCheck>();
            IReadOnlyList<LoadedProject> loaded = [];
            try
            {
                loaded = await ProjectLoader.LoadWithReferencesAsync(parse.GetValue(project), cancellationToken);
            }
            catch (M1EnvException exception) when (parse.GetValue(project) is null)
            {
                checks.Add(new DoctorCheck("project", DoctorStatus.Warn, exception.Message));
            }
            catch (M1EnvException exception)
            {
                ProjectCommand.WriteError(exception);
                return 2;
            }

            // An app that only references env projects has no M1Env settings of its own: those of the first project that declares an env count.
            var conda = loaded.FirstOrDefault(p => p.Envs.Count > 0)?.Settings.Conda ?? new CondaSettings(null, true, ProvisionOptionsDefaults.ToolsDirectory);
            checks.AddRange(MachineChecks.Run(MachineProbe.ProbeThisMachine(), conda, loaded.Any(p => p.Envs.Any(e => e.Kind == EnvKind.Conda))));
            if (loaded.FirstOrDefault(p => p.Envs.Any(e => e.Kind == EnvKind.Venv)) is { } venvProject)
            {
                checks.Add(ManagedPythonCheck.Run(venvProject.Settings));
            }
            if (loaded.Count > 0)
            {
                var envs = ProjectEnvSet.Prepare(loaded, NullProvisionLog.Instance);
                checks.AddRange(envs.Errors.Select(e => new DoctorCheck("declaration", DoctorStatus.Fail, $"{e.File}: {e.Error.Code}: {e.Error.Message}", "fix the project file")));
                checks.AddRange(await EnvChecks.RunAsync(envs.Envs, new EnvCheck(new ProcessRunner(NullProvisionLog.Instance)), cancellationToken));
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ToolJson.Write(checks));
            }
            else
            {
                foreach (var check in checks)
                {
                    var mark = check.Status switch { DoctorStatus.Pass => "[green]v[/]", DoctorStatus.Warn => "[yellow]![/]", _ => "[red]x[/]" };
                    AnsiConsole.MarkupLine($"{mark} [bold]{Markup.Escape(check.Name)}[/]: {Markup.Escape(check.Detail)}" + (check.Fix is null ? string.Empty : $" [grey]({Markup.Escape(check.Fix)})[/]"));
                }
            }

            return checks.Any(c => c.Status == DoctorStatus.Fail) ? 1 : 0;
        });
        return command;
    }
}
