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

    public void Set(M1EnvSetting setting, string? value) => Store(setting, SettingType.Text, string.IsNullOrWhiteSpace(value) ? null : value.Trim());

    public void Set(M1EnvSetting setting, string[]? value) =>
        Store(setting, SettingType.List, value?.Select(v => v.Trim()).Where(v => v.Length > 0).ToArray() is { Length: > 0 } entries ? entries : null);

    public void Set(M1EnvSetting setting, bool value) => Store(setting, SettingType.Flag, value);

    public void Set(M1EnvSetting setting, int value) => Store(setting, SettingType.Number, value);

    public string? Text(M1EnvSetting setting) => Read(setting, SettingType.Text) as string ?? setting.Default;

    public string[] List(M1EnvSetting setting) => Read(setting, SettingType.List) as string[] ?? [];

    public bool Flag(M1EnvSetting setting) =>
        Read(setting, SettingType.Flag) as bool? ?? bool.Parse(setting.Default ?? bool.FalseString);

    public int Number(M1EnvSetting setting) =>
        Read(setting, SettingType.Number) as int? ?? int.Parse(setting.Default ?? "0", CultureInfo.InvariantCulture);

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
