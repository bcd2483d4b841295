using M1Env.Core.Engine.Publishing;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Python.Managed;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace M1Env.Tasks;

/// <summary>
/// Lays out the project's envs in an app's publish folder (<c>M1EnvPublish=true</c>), each as
/// <c>PUBLISHDIR/python/NAME/</c>: a managed CPython with the env's locked packages, which moves with
/// the app (<see cref="EnvPublisher"/>). The targets call it after provisioning, so each lock is written.
/// </summary>
public sealed class PublishPythonEnvironments : EnvironmentsTask
{
    /// <summary>The app's publish folder (absolute).</summary>
    [Required]
    public string PublishDirectory { get; set; } = string.Empty;

    /// <summary>The app's RuntimeIdentifier; empty for this machine.</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>One item per env: its name, with <c>Folder</c> and <c>Python</c>.</summary>
    [Output]
    public ITaskItem[] Published { get; private set; } = [];

    public override bool Execute()
    {
        if (Prepare(buildKey: null) is not { } prepared)
        {
            return false;
        }

        var published = new List<ITaskItem>();
        var succeeded = Run(
            () =>
            {
                var log = new MSBuildProvisionLog(Log, ProjectFile);
                var runner = new ProcessRunner(log);
                // The settings as the project's properties gave them, read and validated once with the declaration.
                var options = prepared.Provisioner.Options;
                var publisher = new EnvPublisher(runner, log, options.ToolsDirectory, new ManagedPythons(runner, log), options.LinkMode);
                foreach (var spec in prepared.Specs)
                {
                    var env = publisher.PublishAsync(spec, PublishDirectory, RuntimeIdentifier, options.ManagedPythons, Cancellation.Token).GetAwaiter().GetResult();
                    var item = new TaskItem(env.Name);
                    item.SetMetadata("Folder", env.Folder);
                    item.SetMetadata("Python", env.Python);
                    published.Add(item);
                }
            },
            "The publish was cancelled; the publish folder keeps the envs it had.");
        if (succeeded)
        {
            Published = published.ToArray();
        }

        return succeeded;
    }
}
