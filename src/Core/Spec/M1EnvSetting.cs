namespace M1Env.Core.Spec;

/// <summary>One M1Env property a project may set (see <see cref="M1EnvSettings"/>).</summary>
/// <param name="Property">The MSBuild property, as documented.</param>
/// <param name="TaskParameter">The parameter of the tasks that M1Env.targets passes the property to.</param>
/// <param name="Default">What an unset property means; where M1Env.targets gives the property a literal default, it is this one.</param>
/// <param name="EntersBuildKey">Whether the property is among the key inputs M1Env.targets hashes, so that a change makes the next build run the task.</param>
public sealed record M1EnvSetting(string Property, string TaskParameter, SettingType Type, string? Default, bool EntersBuildKey);
