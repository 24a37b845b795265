using System.CommandLine.Parsing;
using System.Globalization;
using HerokuTools.Deploy;

namespace HerokuTools.Cli;

/// <summary>
/// Parsers for option values that answer a bad value in the tool's words (one plain line), not with .NET type names.
/// </summary>
internal static class OptionParsers
{
    /// <summary>A release version as Heroku users write it: <c>3</c> or <c>v3</c>.</summary>
    public static int? ReleaseVersion(ArgumentResult result)
    {
        var text = Single(result);
        var digits = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        result.AddError($"{OptionName(result)} expects a release version such as 3 or v3, not '{text}'");
        return null;
    }

    /// <summary>auto, always or never (any case).</summary>
    public static MaintenancePolicy? Maintenance(ArgumentResult result)
    {
        var text = Single(result);
        switch (text.ToLowerInvariant())
        {
            case "auto":
                return MaintenancePolicy.Auto;
            case "always":
                return MaintenancePolicy.Always;
            case "never":
                return MaintenancePolicy.Never;
            default:
                var suggestion = Common.DidYouMean.Suggest(text, ["auto", "always", "never"]);
                result.AddError($"{OptionName(result)} must be auto, always or never, not '{text}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
                return null;
        }
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult o ? o.Option.Name : result.Argument.Name;
}
