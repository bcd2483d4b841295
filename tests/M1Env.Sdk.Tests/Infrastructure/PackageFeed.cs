using M1Env.Testing;

namespace M1Env.Sdk.Tests.Infrastructure;

/// <summary>
/// A PEP 503 index on 127.0.0.1 with a small family of generated wheels:
/// m1-alpha 1.0 and 2.0, m1-beta 1.0 (needs m1-alpha>=1.0), m1-gamma 1.0 and 2.0, m1-delta 1.0
/// (needs m1-alpha&lt;2.0).
/// </summary>
internal sealed class PackageFeed : IDisposable
{
    private readonly TempDirectory wheels = new("m1env-wheels");

    public PackageFeed()
    {
        WheelBuilder.Build(wheels.Path, "m1-alpha", "1.0");
        WheelBuilder.Build(wheels.Path, "m1-alpha", "2.0");
        WheelBuilder.Build(wheels.Path, "m1-beta", "1.0", ["m1-alpha>=1.0"]);
        WheelBuilder.Build(wheels.Path, "m1-gamma", "1.0");
        WheelBuilder.Build(wheels.Path, "m1-gamma", "2.0");
        WheelBuilder.Build(wheels.Path, "m1-delta", "1.0", ["m1-alpha<2.0"]);
        Server = PackageIndexServer.Start(wheels.Path);
    }

    public PackageIndexServer Server { get; }

    public string IndexUrl => Server.IndexUrl;

    /// <summary>The property that points pip at this index, for a project file.</summary>
    public string IndexProperty => $"<PropertyGroup><M1EnvPipIndexUrl>{IndexUrl}</M1EnvPipIndexUrl></PropertyGroup>";

    /// <summary>The body of a project with one env, "demo" (CPython 3.11), on this index, plus the given items.</summary>
    public string DemoEnv(params string[] items) => $"""
        {IndexProperty}
        <ItemGroup>
          <PythonEnv Include="demo" Python="3.11" />
          {string.Join(Environment.NewLine, items)}
        </ItemGroup>
        """;

    public void Dispose()
    {
        Server.Dispose();
        wheels.Dispose();
    }
}
