using System.Text;

namespace HerokuTools.Git;

/// <summary>
/// How git authenticates to Heroku's git host: HTTP Basic with any user name and the API token as the password.
/// The header is handed to git through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n, scoped to the git
/// host's URL, so the token is never on a command line (visible in <c>ps</c>) and never written to a file.
/// </summary>
public static class GitAuth
{
    public static IReadOnlyDictionary<string, string> Environment(Uri gitUrl, string token)
    {
        var scope = $"{gitUrl.Scheme}://{gitUrl.Authority}/";
        var basic = BasicCredentials(token);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = $"http.{scope}.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
            // No credential helper may prompt or store anything for this host.
            ["GIT_CONFIG_KEY_1"] = $"credential.{scope}.helper",
            ["GIT_CONFIG_VALUE_1"] = "",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "true",
        };
    }

    /// <summary>HTTP Basic credentials (base64 of <c>heroku:TOKEN</c>) for Heroku's git host.</summary>
    public static string BasicCredentials(string token) => Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + token));

    /// <summary>The app's git URL from the HEROKU_GIT_URL template (<c>{app}</c> is replaced).</summary>
    public static Uri RemoteUrl(string appName, string? template)
    {
        var t = string.IsNullOrWhiteSpace(template) ? DefaultTemplate : template;
        var url = t.Contains("{app}", StringComparison.Ordinal) ? t.Replace("{app}", appName, StringComparison.Ordinal) : t.TrimEnd('/') + "/" + appName + ".git";
        return new Uri(url, UriKind.Absolute);
    }

    public const string DefaultTemplate = "https://git.heroku.com/{app}.git";
}
