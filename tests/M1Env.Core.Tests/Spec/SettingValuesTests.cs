using M1Env.Core.Spec;

namespace M1Env.Core.Tests.Spec;

public sealed class SettingValuesTests
{
    [Fact]
    public void Reads_the_properties_text_by_the_tables_names_and_types()
    {
        var properties = new Dictionary<string, string>
        {
            ["M1EnvPipExtraIndexUrls"] = "https://a/simple; ;https://b/simple",
            ["M1EnvOffline"] = "True",
            ["M1EnvLockTimeoutMinutes"] = "7",
            ["M1EnvCondaExe"] = "  /opt/conda/bin/conda ",
            ["M1EnvLinkMode"] = "   ",
        };

        var values = SettingValues.FromProperties(name => properties.GetValueOrDefault(name));

        Assert.Equal(["https://a/simple", "https://b/simple"], values.List(M1EnvSettings.PipExtraIndexUrls));
        Assert.True(values.Flag(M1EnvSettings.Offline));
        Assert.Equal(7, values.Number(M1EnvSettings.LockTimeoutMinutes));
        Assert.Equal("/opt/conda/bin/conda", values.Text(M1EnvSettings.CondaExe));
        Assert.Null(values.Text(M1EnvSettings.LinkMode));
        Assert.True(values.Flag(M1EnvSettings.Bootstrap));
        Assert.Equal(M1EnvSettings.DefaultToolsDirectory, values.Text(M1EnvSettings.ToolsDir));
    }

    [Fact]
    public void Reads_what_a_task_was_given_by_its_parameter_names()
    {
        var given = new Dictionary<string, object?>
        {
            [M1EnvSettings.Offline.TaskParameter] = true,
            [M1EnvSettings.LockTimeoutMinutes.TaskParameter] = 7,
            [M1EnvSettings.PipFindLinks.TaskParameter] = new[] { " /wheels ", "" },
            [M1EnvSettings.CondaExe.TaskParameter] = null,
        };

        var values = SettingValues.FromParameters(given);

        Assert.True(values.Flag(M1EnvSettings.Offline));
        Assert.Equal(7, values.Number(M1EnvSettings.LockTimeoutMinutes));
        Assert.Equal(["/wheels"], values.List(M1EnvSettings.PipFindLinks));
        Assert.Null(values.Text(M1EnvSettings.CondaExe));
        Assert.Throws<ArgumentException>(() => SettingValues.FromParameters(new Dictionary<string, object?> { ["NoSuchParameter"] = "x" }));
        Assert.Throws<ArgumentException>(() => SettingValues.FromParameters(new Dictionary<string, object?> { [M1EnvSettings.Offline.TaskParameter] = 1.5 }));
    }

    [Fact]
    public void A_setting_is_read_and_written_only_as_its_type()
    {
        var values = new SettingValues();

        Assert.Throws<ArgumentException>(() => values.Set(M1EnvSettings.LockTimeoutMinutes, "30"));
        Assert.Throws<ArgumentException>(() => values.Flag(M1EnvSettings.PipIndexUrl));
    }

    [Fact]
    public void Every_setting_has_its_own_property_and_task_parameter_and_a_default_its_type_reads()
    {
        Assert.Equal(M1EnvSettings.All.Count, M1EnvSettings.All.Select(s => s.Property).Distinct().Count());
        Assert.Equal(M1EnvSettings.All.Count, M1EnvSettings.All.Select(s => s.TaskParameter).Distinct().Count());
        Assert.All(M1EnvSettings.All.Where(s => s.Type is SettingType.Flag), s => Assert.True(bool.TryParse(s.Default, out _), s.Property));
        Assert.All(M1EnvSettings.All.Where(s => s.Type is SettingType.Number), s => Assert.True(int.TryParse(s.Default, out _), s.Property));
    }
}
