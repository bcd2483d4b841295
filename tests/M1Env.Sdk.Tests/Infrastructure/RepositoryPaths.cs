namespace M1Env.Sdk.Tests.Infrastructure;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SdkProject => Path.Combine(Root, "src", "Sdk", "M1Env.Sdk.csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "M1Env.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No M1Env.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
