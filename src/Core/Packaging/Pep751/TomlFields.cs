using M1Env.Core.Infrastructure.Errors;
using Tomlyn;
using Tomlyn.Model;

namespace M1Env.Core.Packaging.Pep751;

/// <summary>Typed reads from one table of a parsed lock file; a missing or mistyped key is a coded error naming the key and the file.</summary>
internal sealed class TomlFields(TomlTable table, string file, string where)
{
    public string Where => where;

    public bool Has(string key) => table.ContainsKey(key);

    public string RequiredString(string key) => OptionalString(key) ?? throw Missing(key);

    public string? OptionalString(string key) => Get(key) switch
    {
        null => null,
        string text => text,
        _ => throw WrongType(key, "a string"),
    };

    public long? OptionalInteger(string key) => Get(key) switch
    {
        null => null,
        long number => number,
        _ => throw WrongType(key, "an integer"),
    };

    /// <summary>A TOML date-time; a string in ISO 8601 form is accepted too, as some writers quote it.</summary>
    public DateTimeOffset? OptionalDateTime(string key) => Get(key) switch
    {
        null => null,
        TomlDateTime value => value.DateTime,
        string text when DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => throw WrongType(key, "a date-time"),
    };

    public IReadOnlyList<string> Strings(string key) => Get(key) switch
    {
        null => [],
        TomlArray array when array.All(item => item is string) => array.Cast<string>().ToArray(),
        _ => throw WrongType(key, "an array of strings"),
    };

    public TomlFields? OptionalTable(string key) => Get(key) switch
    {
        null => null,
        TomlTable child => new TomlFields(child, file, $"{where}{key}."),
        _ => throw WrongType(key, "a table"),
    };

    public TomlFields RequiredTable(string key) => OptionalTable(key) ?? throw Missing(key);

    /// <summary>An array of tables, written either as <c>[[key]]</c> headers or as an inline array of inline tables.</summary>
    public IReadOnlyList<TomlFields> Tables(string key) => Get(key) switch
    {
        null => [],
        TomlTableArray tables => tables.Select((t, i) => new TomlFields(t, file, $"{where}{key}[{i}].")).ToArray(),
        TomlArray array when array.All(item => item is TomlTable) =>
            array.Cast<TomlTable>().Select((t, i) => new TomlFields(t, file, $"{where}{key}[{i}].")).ToArray(),
        _ => throw WrongType(key, "an array of tables"),
    };

    public M1EnvException Invalid(string problem) =>
        new(ErrorCodes.LockFileInvalid, $"The lock file {file} is not valid: {problem}. Fix it, or write the lock again from the declared packages.");

    public M1EnvException Missing(string key) => Invalid($"the required key '{where}{key}' is missing");

    private M1EnvException WrongType(string key, string expected) => Invalid($"'{where}{key}' must be {expected}");

    private object? Get(string key) => table.TryGetValue(key, out var value) ? value : null;
}
