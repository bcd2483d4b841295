using System.CommandLine;
using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Tool.Projects;

namespace M1Env.Tool.Commands.Cache;

/// <summary>
/// <c>m1env cache key [--project P] [--json]</c>: the key under which a CI system keeps M1EnvToolsDir, from the
/// project's (and its referenced projects') declared envs and lock files alone: no env is provisioned, no tool
/// looked for, nothing in M1EnvToolsDir read, so a fresh agent has it before it restores the cache.
/// </summary>
internal static class CacheKeyCommand
{
    public static Command Create()
    {
        var project = ProjectCommand.ProjectOption();
        var json = new Option<bool>("--json") { Description = "Write the project's key and each env's as JSON." };
        var command = new Command("key", "Print the cache key of M1EnvToolsDir for this project: its lock files, env kinds, Python versions and this platform.") { project, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var envs = new List<(string Project, string Env, string Key)>();
                var failed = false;
                foreach (var loaded in await ProjectLoader.LoadWithReferencesAsync(parse.GetValue(project), cancellationToken))
                {
                    var settings = loaded.Settings;
                    var (inputs, errors) = CacheKeyInput.FromDeclarations(loaded.Envs, settings.ProjectDirectory, settings.LockFile, settings.Lock.Platforms);
                    foreach (var error in errors)
                    {
                        Console.Error.WriteLine($"{error.DeclaredIn?.File ?? settings.ProjectFile}: error {error.Code}: {error.Message}");
                    }

                    failed |= errors.Count > 0;
                    envs.AddRange(loaded.Envs.Zip(inputs, (env, input) => (settings.ProjectFile, env.Name, CacheKeys.ForEnv(input))));
                }

                if (failed)
                {
                    return 2;
                }

                var key = CacheKeys.FromEnvKeys(envs.Select(e => e.Key));
                Console.Out.WriteLine(parse.GetValue(json)
                    ? ToolJson.Write(new
                    {
                        key,
                        formatVersion = CacheFormat.Version,
                        platform = CacheKeys.CurrentPlatform,
                        envs = envs.Select(e => new { env = e.Env, project = e.Project, key = e.Key }),
                    })
                    : key);
                return 0;
            }
            catch (M1EnvException exception)
            {
                ProjectCommand.WriteError(exception);
                return 2;
            }
        });
        return command;
    }
}
