using M1Env.Core.Engine.Publishing;

namespace M1Env.Tasks.Tests.Targets;

/// <summary>The generated M1EnvInfo and the publisher agree on where a published env lies.</summary>
public sealed class PublishedInfoTargetsTests
{
    private static string InfoTargets => Path.Combine(Path.GetDirectoryName(SdkTargets.File)!, "M1Env.Info.targets");

    [Fact]
    public void M1EnvInfo_looks_for_the_record_file_the_publisher_writes_in_the_folder_it_publishes_to()
    {
        var text = File.ReadAllText(InfoTargets);
        var folder = EnvPublisher.FolderFor("PUBLISH", "ENV");

        Assert.Contains($"\"{PublishedRecord.FileName}\"", text, StringComparison.Ordinal);
        Assert.Equal(Path.Combine("PUBLISH", "python", "ENV"), folder);
        Assert.Contains("System.IO.Path.Combine(System.AppContext.BaseDirectory, \"python\", env)", text, StringComparison.Ordinal);
    }
}
