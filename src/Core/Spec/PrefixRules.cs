using M1Env.Core.Infrastructure.FileSystem;

namespace M1Env.Core.Spec;

/// <summary>
/// Refuses prefixes that M1Env must never own: recreating an env deletes its prefix, so a prefix
/// that is the project, holds it or holds M1Env's own folder would delete them. Paths are compared
/// after resolving links, so a link to the project folder is caught too.
/// </summary>
internal sealed class PrefixRules
{
    private readonly string projectDirectory;
    private readonly string toolsDirectory;

    public PrefixRules(SpecContext context)
    {
        projectDirectory = PathIdentity.RealPath(context.ProjectDirectory);
        toolsDirectory = PathIdentity.RealPath(Path.GetFullPath(context.ToolsDirectory, context.ProjectDirectory));
    }

    /// <summary>Why the (real) prefix cannot hold an env, or null when it can.</summary>
    public string? Problem(string realPrefix)
    {
        if (Path.GetDirectoryName(realPrefix) is null)
        {
            return "is the root of a file system";
        }

        if (PathIdentity.AreEqual(realPrefix, projectDirectory))
        {
            return "is the project folder";
        }

        if (PathIdentity.IsSameOrInside(projectDirectory, realPrefix))
        {
            return $"contains the project folder '{projectDirectory}'";
        }

        if (PathIdentity.IsSameOrInside(toolsDirectory, realPrefix))
        {
            return $"is or contains M1EnvToolsDir '{toolsDirectory}'";
        }

        return File.Exists(realPrefix) ? "is an existing file" : null;
    }
}
