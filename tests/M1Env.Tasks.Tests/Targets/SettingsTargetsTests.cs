using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using M1Env.Core.Spec;

namespace M1Env.Tasks.Tests.Targets;

/// <summary>M1Env.targets, the tasks and <see cref="M1EnvSettings"/> name the same settings, with the same defaults and the same key.</summary>
public sealed partial class SettingsTargetsTests
{
    // M1Env properties that steer the build itself and never reach a task.
    private static readonly string[] BuildControls = ["M1EnvEnabled", "M1EnvProvisionBeforeTargets", "M1EnvTasksAssembly"];

    // The plan changes nothing, and a publish lays out no env it checks, so neither runs the in-env check.
    private static readonly M1EnvSetting[] NotPlanned = [M1EnvSettings.Verify, M1EnvSettings.RequireAccelerator];

    private static readonly XDocument Targets = XDocument.Load(SdkTargets.File);

    [GeneratedRegex(@"^\$\((?<name>M1Env\w+)\)$")]
    private static partial Regex WholeProperty();

    [GeneratedRegex(@"\$\((?<name>M1Env\w+)\)")]
    private static partial Regex PropertyReference();

    private static M1EnvSetting? Setting(string property) => M1EnvSettings.All.SingleOrDefault(s => s.Property == property);

    /// <summary>The settings a task call passes: attribute (the task's parameter) and the property it passes.</summary>
    private static Dictionary<string, string> Passed(string task) =>
        Targets.Descendants(task).Single().Attributes()
            .Select(a => (Parameter: a.Name.LocalName, Match: WholeProperty().Match(a.Value)))
            .Where(a => a.Match.Success)
            .ToDictionary(a => a.Match.Groups["name"].Value, a => a.Parameter);

    public static TheoryData<string, Type> Tasks => new()
    {
        { "ProvisionPythonEnvironments", typeof(ProvisionPythonEnvironments) },
        { "PlanPythonEnvironments", typeof(PlanPythonEnvironments) },
        { "PublishPythonEnvironments", typeof(PublishPythonEnvironments) },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Every_setting_a_task_call_passes_is_in_the_table_and_reaches_the_parameter_the_task_declares(string task, Type type)
    {
        var passed = Passed(task);

        Assert.All(passed, p => Assert.Equal((p.Key, p.Value), (p.Key, Setting(p.Key)?.TaskParameter)));
        Assert.All(Targets.Descendants(task).Single().Attributes().Where(a => a.Name.LocalName != "Condition"), a =>
            Assert.True(type.GetProperty(a.Name.LocalName, BindingFlags.Public | BindingFlags.Instance)?.CanWrite == true, $"{task} declares no parameter {a.Name.LocalName}"));
        var expected = M1EnvSettings.All.Where(s => task == "ProvisionPythonEnvironments" || !NotPlanned.Contains(s)).Select(s => s.Property);
        Assert.Equal(expected.Order(), passed.Keys.Order());
    }

    [Fact]
    public void Every_setting_the_targets_define_is_in_the_table_with_the_same_default()
    {
        var defined = Targets.Root!.Elements("PropertyGroup").Elements()
            .Where(p => p.Name.LocalName.StartsWith("M1Env", StringComparison.Ordinal))
            .GroupBy(p => p.Name.LocalName)
            .ToArray();

        Assert.All(defined, d => Assert.True(Setting(d.Key) is not null || BuildControls.Contains(d.Key), $"{d.Key} is in neither M1EnvSettings nor this test's build controls"));
        foreach (var setting in M1EnvSettings.All.Where(s => s.Type is SettingType.Flag or SettingType.Number))
        {
            // The fallback: the last definition, for when the project (or CI) set nothing.
            var fallback = defined.Single(d => d.Key == setting.Property).Last();
            Assert.Equal($"'$({setting.Property})' == ''", fallback.Attribute("Condition")?.Value);
            Assert.Equal((setting.Property, setting.Default), (setting.Property, fallback.Value));
        }

        Assert.All(defined.Where(d => Setting(d.Key) is { Type: SettingType.Text or SettingType.List }), d =>
            Assert.Contains("$(", d.Last().Value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_the_table_puts_in_the_build_key_are_exactly_those_among_the_targets_key_inputs()
    {
        var keyed = Targets.Descendants("_M1EnvKeyInput")
            .SelectMany(i => PropertyReference().Matches(i.Attribute("Include")?.Value ?? string.Empty))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(keyed, k => Assert.NotNull(Setting(k)));
        Assert.All(M1EnvSettings.All, s => Assert.Equal((s.Property, s.EntersBuildKey), (s.Property, keyed.Contains(s.Property))));
    }

    [Fact]
    public void A_task_the_targets_give_nothing_has_the_table_defaults()
    {
        var task = new ProvisionPythonEnvironments();

        Assert.Equal(M1EnvSettings.DefaultLockTimeout, TimeSpan.FromMinutes(task.LockTimeoutMinutes));
        Assert.All(M1EnvSettings.All, setting =>
        {
            var value = typeof(ProvisionPythonEnvironments).GetProperty(setting.TaskParameter)!.GetValue(task);
            var expected = setting.Type switch
            {
                SettingType.Flag => bool.Parse(setting.Default!),
                SettingType.Number => int.Parse(setting.Default!, System.Globalization.CultureInfo.InvariantCulture),
                SettingType.List => Array.Empty<string>(),
                _ => (object?)(setting == M1EnvSettings.Root ? string.Empty : setting.Default),
            };
            Assert.Equal(expected, value);
        });
    }

    [Fact]
    public void A_task_parameter_reads_back_as_the_targets_set_it()
    {
        var task = new ProvisionPythonEnvironments { LockTimeoutMinutes = 5, Bootstrap = false, PipExtraIndexUrls = ["https://a/simple", " "], CondaExe = " " };

        Assert.Equal((5, false, (string?)null), (task.LockTimeoutMinutes, task.Bootstrap, task.CondaExe));
        Assert.Equal(["https://a/simple"], task.PipExtraIndexUrls);
    }
}
