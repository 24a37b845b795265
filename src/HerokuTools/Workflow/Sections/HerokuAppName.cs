namespace HerokuTools.Workflow.Sections;

/// <summary>What Heroku accepts as an app name: lowercase letters, digits and dashes, starting with a letter, 3-30 characters.</summary>
internal static class HerokuAppName
{
    public const string Rule = "lowercase letters, digits and dashes, starting with a letter, 3 to 30 characters";

    public static bool IsValid(string name) =>
        name.Length is >= 3 and <= 30
        && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
