namespace HerokuTools.ConfigVars;

/// <summary>What Heroku accepts as a config var name.</summary>
public static class ConfigVarName
{
    public const string Rule = "letters, digits and underscores only";

    public static bool IsValid(string name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
