using System.Text.Json.Nodes;
using M1Env.Core.State;

namespace M1Env.Core.Engine.Jupyter;

/// <summary>
/// One kernel's <c>kernel.json</c> (Jupyter's kernel spec): the env's Python running ipykernel, a
/// display name after the env, and M1Env's own record of who made it (<c>metadata.m1env</c>), so a
/// kernel is only ever changed or removed by the project and env that own it.
/// </summary>
public sealed record KernelSpec(string DisplayName, string Python, EnvOwner Owner, string Prefix)
{
    public const string FileName = "kernel.json";

    public string ToJson() =>
        new JsonObject
        {
            ["argv"] = new JsonArray(Python, "-m", "ipykernel_launcher", "-f", "{connection_file}"),
            ["display_name"] = DisplayName,
            ["language"] = "python",
            ["metadata"] = new JsonObject
            {
                ["debugger"] = true,
                ["m1env"] = new JsonObject
                {
                    ["project"] = Owner.ProjectFile,
                    ["env"] = Owner.EnvName,
                    ["prefix"] = Prefix,
                },
            },
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Who made the kernel in <paramref name="folder"/>, or null when M1Env did not (or its file cannot be read).</summary>
    public static EnvOwner? OwnerIn(string folder)
    {
        try
        {
            var m1env = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, FileName)))?["metadata"]?["m1env"];
            return m1env?["project"]?.GetValue<string>() is { } project && m1env["env"]?.GetValue<string>() is { } env ? new EnvOwner(project, env) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
