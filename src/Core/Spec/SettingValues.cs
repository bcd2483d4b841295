using System.Globalization;

namespace M1Env.Core.Spec;

/// <summary>
/// The values a project gives the <see cref="M1EnvSettings"/>, as the task received them or the tool
/// read them; an unset or blank one reads as the setting's default.
/// </summary>
public sealed class SettingValues
{
    private readonly Dictionary<M1EnvSetting, object> values = [];

    /// <summary>The values from the properties' text, as <c>dotnet msbuild -getProperty</c> prints them; a flag or number that does not parse reads as the default.</summary>
    public static SettingValues FromProperties(Func<string, string?> property)
    {
        var read = new SettingValues();
        foreach (var setting in M1EnvSettings.All)
        {
            var text = property(setting.Property);
            switch (setting.Type)
            {
                case SettingType.Text:
                    read.Set(setting, text);
                    break;
                case SettingType.List:
                    read.Set(setting, text?.Split(';'));
                    break;
                case SettingType.Flag when bool.TryParse(text, out var flag):
                    read.Set(setting, flag);
                    break;
                case SettingType.Number when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                    read.Set(setting, number);
                    break;
            }
        }

        return read;
    }

    /// <summary>
    /// The values a task was given, by parameter name (<see cref="M1EnvSetting.TaskParameter"/>), as
    /// MSBuild set them: text, lists, flags and numbers.
    /// </summary>
    /// <exception cref="ArgumentException">A name is no setting's parameter, or a value is not of its setting's type.</exception>
    public static SettingValues FromParameters(IReadOnlyDictionary<string, object?> given)
    {
        var read = new SettingValues();
        foreach (var (parameter, value) in given)
        {
            var setting = M1EnvSettings.All.FirstOrDefault(s => s.TaskParameter == parameter)
                ?? throw new ArgumentException($"{parameter} is not the task parameter of an M1Env setting.", nameof(given));
            switch (value)
            {
                case null:
                    break;
                case string text:
                    read.Set(setting, text);
                    break;
                case string[] list:
                    read.Set(setting, list);
                    break;
                case bool flag:
                    read.Set(setting, flag);
                    break;
                case int number:
                    read.Set(setting, number);
                    break;
                default:
                    throw new ArgumentException($"{parameter} was given a {value.GetType().Name}.", nameof(given));
            }
        }

        return read;
    }

    public void Set(M1EnvSetting setting, string? value) => Store(setting, SettingType.Text, string.IsNullOrWhiteSpace(value) ? null : value.Trim());

    public void Set(M1EnvSetting setting, string[]? value) =>
        Store(setting, SettingType.List, value?.Select(v => v.Trim()).Where(v => v.Length > 0).ToArray() is { Length: > 0 } entries ? entries : null);

    public void Set(M1EnvSetting setting, bool value) => Store(setting, SettingType.Flag, value);

    public void Set(M1EnvSetting setting, int value) => Store(setting, SettingType.Number, value);

    public string? Text(M1EnvSetting setting) => Read(setting, SettingType.Text) as string ?? setting.Default;

    public string[] List(M1EnvSetting setting) => Read(setting, SettingType.List) as string[] ?? [];

    // "is bool" rather than "as bool?": the ahead-of-time images (tasks/readytorun) compile it; a nullable unbox would be left to the JIT.
    public bool Flag(M1EnvSetting setting) =>
        Read(setting, SettingType.Flag) is bool flag ? flag : bool.Parse(setting.Default ?? bool.FalseString);

    public int Number(M1EnvSetting setting) =>
        Read(setting, SettingType.Number) is int number ? number : int.Parse(setting.Default ?? "0", CultureInfo.InvariantCulture);

    private object? Read(M1EnvSetting setting, SettingType type)
    {
        Expect(setting, type);
        return values.GetValueOrDefault(setting);
    }

    private void Store(M1EnvSetting setting, SettingType type, object? value)
    {
        Expect(setting, type);
        if (value is null)
        {
            values.Remove(setting);
        }
        else
        {
            values[setting] = value;
        }
    }

    private static void Expect(M1EnvSetting setting, SettingType type)
    {
        if (setting.Type != type)
        {
            throw new ArgumentException($"{setting.Property} is a {setting.Type} setting, not a {type} one.", nameof(setting));
        }
    }
}
