using M1Env.Core.Engine.Publishing;
using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Infrastructure.Processes;
using M1Env.Core.Packaging;
using M1Env.Core.Python;
using M1Env.Core.Python.Managed;
using M1Env.Core.Spec;
using M1Env.Testing;

namespace M1Env.Core.Tests.Engine.Publishing;

public sealed class EnvPublisherTests : IDisposable
{
    private readonly TempDirectory work = new("m1env-publisher");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => work.Dispose();

    private EnvPublisher Publisher()
    {
        var runner = new ProcessRunner(log);
        return new EnvPublisher(runner, log, work.Combine("tools"), new ManagedPythons(runner, log));
    }

    private EnvSpec Env(EnvKind kind = EnvKind.Venv) =>
        new("app", kind, new PythonRequest(3, 11, null), work.Combine("envs", "app"), [], PackageSourceSettings.Default);

    private ManagedPythonSettings Settings(string? archive = null, string? sha256 = null) =>
        new(work.Combine("tools")) { ArchiveUrl = archive, ArchiveSha256 = sha256, Downloads = archive is null ? PythonDownloads.Never : PythonDownloads.Automatic };

    [Fact]
    public async Task A_conda_env_is_refused_before_anything_is_written()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => Publisher().PublishAsync(Env(EnvKind.Conda), work.Combine("publish"), null, Settings(), CancellationToken.None));

        Assert.Equal(ErrorCodes.PublishUnsupported, error.Code);
        Assert.Contains("conda-pack", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("publish")));
    }

    [Fact]
    public async Task Another_platform_is_refused_with_what_it_would_need()
    {
        var other = LockPlatform.All.First(p => p != LockPlatform.Current);

        var error = await Assert.ThrowsAsync<M1EnvException>(() => Publisher().PublishAsync(Env(), work.Combine("publish"), other.Name, Settings(), CancellationToken.None));

        Assert.Equal(ErrorCodes.PublishUnsupported, error.Code);
        Assert.Contains($"the lock's entries for {other.Name}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"managed CPython build for {other.Name}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("publish")));
    }

    [Fact]
    public async Task No_managed_build_to_be_had_is_the_managed_Pythons_code_and_leaves_no_folder()
    {
        var error = await Assert.ThrowsAsync<M1EnvException>(() => Publisher().PublishAsync(Env(), work.Combine("publish"), null, Settings(), CancellationToken.None));

        Assert.Equal(ErrorCodes.ManagedPythonUnavailable, error.Code);
        Assert.False(Directory.Exists(work.Combine("publish", "python", "app")));
    }

    [RelocatablePythonFact]
    public async Task A_second_publish_of_the_same_build_and_lock_writes_nothing()
    {
        var archive = await PythonBuildStandaloneArchive.GetAsync();
        var settings = Settings(archive.Path, archive.Sha256);
        var publish = work.Combine("publish");

        var first = await Publisher().PublishAsync(Env(), publish, LockPlatform.Current!.Name, settings, CancellationToken.None);
        var record = Path.Combine(first.Folder, PublishedRecord.FileName);
        var written = File.GetLastWriteTimeUtc(record);
        var second = await Publisher().PublishAsync(Env(), publish, null, settings, CancellationToken.None);

        Assert.False(first.Reused);
        Assert.True(File.Exists(first.Python));
        Assert.Equal(archive.Version, PublishedRecord.Read(first.Folder)!.Python);
        Assert.True(second.Reused);
        Assert.Equal(written, File.GetLastWriteTimeUtc(record));
        Assert.Equal(["app"], Directory.GetDirectories(Path.Combine(publish, "python")).Select(Path.GetFileName));
    }
}
