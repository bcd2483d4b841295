namespace M1Env.Core.Spec;

/// <summary>How an M1Env property's text is read.</summary>
public enum SettingType
{
    /// <summary>A string; blank means unset.</summary>
    Text,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>A ';'-separated list; blank entries dropped.</summary>
    List,

    /// <summary>A whole number.</summary>
    Number,
}
