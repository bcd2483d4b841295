using System.Runtime.Versioning;
using System.Text;
using M1Env.Core.Cache;
using M1Env.Core.Infrastructure.FileSystem;
using M1Env.Core.Tests.Installers.Pip;
using M1Env.Testing;

namespace M1Env.Core.Tests.Cache;

/// <summary>Kept venvs, made by the real venv module of the machine's interpreters and compared with what it makes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeptVenvsTests : IDisposable
{
    private static readonly string[] WithoutPip = ["--without-pip"];

    private readonly TempDirectory temp = new("m1env-kept-venvs");
    private readonly RecordingProvisionLog log = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Every CPython 3.11 here: Debian's, and pyenv's where it is installed (another build, whose venv module quotes otherwise).</summary>
    public static TheoryData<string> Interpreters()
    {
        var found = new TheoryData<string> { PythonFinder.Find() };
        var pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
        if (Directory.Exists(pyenv))
        {
            foreach (var python in Directory.EnumerateDirectories(pyenv, "3.11*").Select(v => Path.Combine(v, "bin", "python3.11")).Where(File.Exists).Take(1))
            {
                found.Add(python);
            }
        }

        return found;
    }

    [Theory]
    [MemberData(nameof(Interpreters))]
    public async Task A_copied_venv_is_the_one_the_venv_module_makes_at_that_path(string python)
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var key = await KeepAsync(venvs, python);
        var prefix = temp.Combine("project", ".m1env", "ml-m1");

        Assert.True(venvs.TryCopy(key, prefix, "ml-m1"));
        var copied = Snapshot(prefix);
        Directory.Delete(prefix, recursive: true);
        await PipFreeVenv.RunAsync(log, python, "-I", "-S", "-m", "venv", "--prompt", "ml-m1", "--without-pip", prefix);

        Assert.Equal(Snapshot(prefix), copied);
        Assert.Contains(copied, line => line.Contains(prefix, StringComparison.Ordinal) && line.StartsWith("bin/activate|", StringComparison.Ordinal));
        var activated = await PipFreeVenv.RunAsync(log, "/bin/bash", "-c", $". '{prefix}/bin/activate' && echo \"$VIRTUAL_ENV|$VIRTUAL_ENV_PROMPT\" && python -c 'import sys; print(sys.prefix)'");
        Assert.Equal($"{prefix}|(ml-m1) \n{prefix}\n", activated);
    }

    [Fact]
    public async Task A_second_env_is_copied_from_the_same_kept_venv()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var key = await KeepAsync(venvs, PythonFinder.Find());

        Assert.True(venvs.TryCopy(key, temp.Combine("one", "train"), "train"));
        Assert.True(venvs.TryCopy(key, temp.Combine("two", "serve"), "serve"));

        Assert.Contains("prompt = 'serve'", File.ReadAllText(temp.Combine("two", "serve", "pyvenv.cfg")), StringComparison.Ordinal);
        var activate = File.ReadAllText(temp.Combine("two", "serve", "bin", "activate"));
        Assert.Contains($"VIRTUAL_ENV={temp.Combine("two", "serve")}\n", activate, StringComparison.Ordinal);
        Assert.DoesNotContain("m1envvenv", activate, StringComparison.Ordinal);
        Assert.DoesNotContain("m1envprompt", activate, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateDirectories(temp.Combine("venvs")));
    }

    [Fact]
    public async Task A_path_the_venv_module_would_quote_is_left_to_it()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var key = await KeepAsync(venvs, PythonFinder.Find());
        var prefix = temp.Combine("my project", "env");

        Assert.False(KeptVenvs.CanCopyTo(prefix, "env"));
        Assert.False(venvs.TryCopy(key, prefix, "env"));
        Assert.False(Directory.Exists(prefix));
    }

    [Fact]
    public async Task A_venv_file_in_the_way_leaves_the_prefix_as_it_was_and_others_are_kept_beside()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var key = await KeepAsync(venvs, PythonFinder.Find());
        var prefix = temp.Combine("env");
        Directory.CreateDirectory(Path.Combine(prefix, ".m1env"));
        File.WriteAllText(Path.Combine(prefix, "pyvenv.cfg"), "mine");

        Assert.False(venvs.TryCopy(key, prefix, "env"));
        Assert.Equal([".m1env", "pyvenv.cfg"], Directory.EnumerateFileSystemEntries(prefix).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(prefix, "pyvenv.cfg")));

        File.Delete(Path.Combine(prefix, "pyvenv.cfg"));
        Assert.True(venvs.TryCopy(key, prefix, "env"));
        Assert.True(Directory.Exists(Path.Combine(prefix, ".m1env")));
        Assert.True(File.Exists(Path.Combine(prefix, "bin", "activate")));
    }

    [Fact]
    public async Task A_kept_venv_whose_folder_was_deleted_by_hand_is_not_copied()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var key = await KeepAsync(venvs, PythonFinder.Find());
        foreach (var folder in Directory.EnumerateDirectories(temp.Combine("venvs", key)))
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.False(venvs.TryCopy(key, temp.Combine("env"), "env"));
        Assert.False(Directory.Exists(temp.Combine("env")));
    }

    [Fact]
    public void A_venv_that_names_its_path_in_a_file_that_is_not_text_is_not_kept()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var draft = venvs.Draft("0123456789abcdef")!;
        Directory.CreateDirectory(Path.Combine(draft.Prefix, "bin"));
        File.WriteAllText(Path.Combine(draft.Prefix, "pyvenv.cfg"), $"command = python -m venv {draft.Prefix}\n");
        File.WriteAllBytes(Path.Combine(draft.Prefix, "bin", "launcher"), [0x7f, 0x45, 0x4c, 0x46, 0, .. Encoding.UTF8.GetBytes(draft.Prefix)]);

        Assert.False(venvs.Keep(draft));
        Assert.False(venvs.Has(draft.Key));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("venvs")));
    }

    [Fact]
    public void The_key_follows_the_interpreter_file_and_the_venv_module_s_files()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var interpreter = temp.Combine("python3");
        File.WriteAllText(interpreter, "an interpreter");
        var module = temp.Combine("venv");
        Directory.CreateDirectory(Path.Combine(module, "scripts", "common"));
        File.WriteAllText(Path.Combine(module, "__init__.py"), "import os");
        File.WriteAllText(Path.Combine(module, "scripts", "common", "activate"), "VIRTUAL_ENV=__VENV_DIR__");
        var first = venvs.KeyFor(interpreter, module, WithoutPip);

        Assert.NotNull(first);
        Assert.Equal(first, venvs.KeyFor(interpreter, module, WithoutPip));
        Assert.NotEqual(first, venvs.KeyFor(interpreter, module, []));

        File.AppendAllText(Path.Combine(module, "scripts", "common", "activate"), "\nexport VIRTUAL_ENV");
        var scriptsChanged = venvs.KeyFor(interpreter, module, WithoutPip);
        Assert.NotEqual(first, scriptsChanged);

        File.AppendAllText(interpreter, ", rebuilt");
        Assert.NotEqual(scriptsChanged, venvs.KeyFor(interpreter, module, WithoutPip));
        Assert.Null(venvs.KeyFor(interpreter, temp.Combine("no-venv-module"), WithoutPip));
    }

    [Fact]
    public async Task Two_builds_keeping_the_same_venv_keep_one_and_leave_no_scratch()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var python = PythonFinder.Find();
        var key = venvs.KeyFor(python, await VenvModuleAsync(python), WithoutPip)!;
        var first = venvs.Draft(key)!;
        var second = venvs.Draft(key)!;
        await MakeAsync(python, first);
        await MakeAsync(python, second);

        Assert.True(venvs.Keep(first));
        Assert.True(venvs.Keep(second));

        Assert.Equal([key, key + UseRecord.Suffix], Directory.EnumerateFileSystemEntries(temp.Combine("venvs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(venvs.TryCopy(key, temp.Combine("env"), "env"));
    }

    [Fact]
    public void A_draft_abandoned_by_a_killed_build_is_deleted_by_the_next_one_and_a_fresh_one_is_not()
    {
        var venvs = new KeptVenvs(temp.Combine("venvs"), log);
        var abandoned = venvs.Draft("0123456789abcdef")!;
        Directory.SetLastWriteTimeUtc(abandoned.Folder, DateTime.UtcNow.AddHours(-2));
        var other = venvs.Draft("0123456789abcdef")!;

        var next = venvs.Draft("fedcba9876543210")!;

        Assert.False(Directory.Exists(abandoned.Folder));
        Assert.True(Directory.Exists(other.Folder));
        Assert.True(Directory.Exists(next.Folder));
    }

    [Fact]
    public void A_tools_folder_that_cannot_be_written_keeps_nothing()
    {
        File.WriteAllText(temp.Combine("venvs"), "a file where the folder would be");

        Assert.Null(new KeptVenvs(temp.Combine("venvs"), log).Draft("0123456789abcdef"));
    }

    private async Task<string> KeepAsync(KeptVenvs venvs, string python)
    {
        var key = venvs.KeyFor(python, await VenvModuleAsync(python), WithoutPip);
        Assert.NotNull(key);
        var draft = venvs.Draft(key)!;
        await MakeAsync(python, draft);
        Assert.True(venvs.Keep(draft));
        Assert.True(venvs.Has(key));
        return key;
    }

    private Task MakeAsync(string python, KeptVenvDraft draft) =>
        PipFreeVenv.RunAsync(log, python, "-I", "-S", "-m", "venv", "--prompt", draft.Prompt, "--without-pip", draft.Prefix);

    private async Task<string> VenvModuleAsync(string python) =>
        Path.Combine((await PipFreeVenv.RunAsync(log, python, "-I", "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))")).Trim(), "venv");

    /// <summary>Each entry as <c>path|kind|mode|content or link target</c>.</summary>
    private static List<string> Snapshot(string prefix) =>
        Directory.EnumerateFileSystemEntries(prefix, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var info = new FileInfo(path);
                var relative = Path.GetRelativePath(prefix, path);
                return info.LinkTarget is { } link ? $"{relative}|link|{link}"
                    : Directory.Exists(path) ? $"{relative}|folder|{File.GetUnixFileMode(path)}"
                    : $"{relative}|file|{File.GetUnixFileMode(path)}|{File.ReadAllText(path)}";
            })
            .ToList();
}
