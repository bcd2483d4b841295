using M1Env.Core.Infrastructure.Errors;
using M1Env.Core.Installers.Pip;
using M1Env.Core.Packaging.Pep751;
using M1Env.Core.Spec;
using M1Env.Core.Tests.Packaging.Pep751;
using M1Env.Testing;

namespace M1Env.Core.Tests.Installers.Pip;

public class PipLockRenameTests
{
    private static EnvSpec Spec(string projectDirectory, EnvDeclaration env)
    {
        var context = new SpecContext(projectDirectory, Path.Combine(projectDirectory, ".m1env"), PackageSourceSettings.Default, Path.Combine(projectDirectory, "tools"));
        var result = SpecBuilder.Build([env], [new("requests", null, null)], context);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(result.Envs);
    }

    private static EnvDeclaration Venv(string name) => new(EnvKind.Venv, name, "3.11", null);

    private static string WriteLock(string path)
    {
        PyLockWriter.WriteFile(path, LockSamples.Numpy(), []);
        return File.ReadAllText(path);
    }

    [Fact]
    public void A_lock_under_its_former_name_is_read_there_and_the_build_renames_it()
    {
        using var project = new TempDirectory();
        var former = project.Combine("pylock.ml.m1.toml");
        var standard = project.Combine("pylock.ml-m1.toml");
        var content = WriteLock(former);

        var spec = Spec(project.Path, Venv("ml.m1"));
        Assert.Equal(former, spec.PipLockFile);
        Assert.Equal(former, spec.LockFile);
        Assert.Equal(standard, spec.PipLockStandardFile);
        // What a plan reads: the lock, where it is; nothing moves.
        Assert.True(PipLockStage.Assess(spec).Exists);
        Assert.True(File.Exists(former));

        var log = new RecordingProvisionLog();
        var renamed = PipLockRename.ToStandardName(spec, log);

        Assert.Equal(standard, renamed.PipLockFile);
        Assert.Equal(standard, renamed.LockFile);
        Assert.Null(renamed.PipLockStandardFile);
        Assert.False(File.Exists(former));
        Assert.Equal(content, File.ReadAllText(standard));
        Assert.Contains("Renamed the lock pylock.ml.m1.toml to pylock.ml-m1.toml: PEP 751 allows no dot in a lock's name. Commit the rename.", log.Lines);

        // The next build finds it under its new name and renames nothing.
        var next = Spec(project.Path, Venv("ml.m1"));
        Assert.Null(next.PipLockStandardFile);
        Assert.Same(next, PipLockRename.ToStandardName(next, log));
    }

    [Fact]
    public void A_conda_envs_pip_lock_is_renamed_and_its_conda_locks_are_not()
    {
        using var project = new TempDirectory();
        var former = project.Combine("pylock.ml.m1.toml");
        WriteLock(former);

        var spec = PipLockRename.ToStandardName(Spec(project.Path, new(EnvKind.Conda, "ml.m1", "3.11", null)), new RecordingProvisionLog());

        Assert.Equal(project.Combine("pylock.ml-m1.toml"), spec.PipLockFile);
        Assert.Equal(project.Combine("ml.m1.conda-lock.txt"), spec.LockFile);
        Assert.True(File.Exists(spec.PipLockFile));
    }

    [Fact]
    public void When_both_names_are_there_the_standard_one_is_read_and_the_former_left_alone()
    {
        using var project = new TempDirectory();
        var former = project.Combine("pylock.ml.m1.toml");
        WriteLock(former);
        File.WriteAllText(project.Combine("pylock.ml-m1.toml"), "lock-version = \"1.0\"\n");

        var spec = Spec(project.Path, Venv("ml.m1"));

        Assert.Equal(project.Combine("pylock.ml-m1.toml"), spec.PipLockFile);
        Assert.Null(spec.PipLockStandardFile);
        Assert.True(File.Exists(former));
    }

    [Fact]
    public void A_declared_lock_file_keeps_its_name()
    {
        using var project = new TempDirectory();
        WriteLock(project.Combine("pylock.ml.m1.toml"));

        var spec = Spec(project.Path, Venv("ml.m1") with { LockFile = "pylock.ml.m1.toml" });

        Assert.Equal(project.Combine("pylock.ml.m1.toml"), spec.PipLockFile);
        Assert.Null(spec.PipLockStandardFile);
    }

    [Fact]
    public void A_rename_that_fails_is_a_coded_error_and_leaves_the_lock_where_it_was()
    {
        using var project = new TempDirectory();
        var former = project.Combine("pylock.ml.m1.toml");
        WriteLock(former);
        var spec = Spec(project.Path, Venv("ml.m1")) with { PipLockStandardFile = project.Combine("missing", "pylock.ml-m1.toml") };

        var error = Assert.Throws<M1EnvException>(() => PipLockRename.ToStandardName(spec, new RecordingProvisionLog()));

        Assert.Equal(ErrorCodes.FileSystemError, error.Code);
        Assert.Contains("Rename it yourself", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(former));
    }
}
