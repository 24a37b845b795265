using HerokuTools.Common;

namespace HerokuTools.Heroku;

/// <summary>Finds the API token the way the Heroku CLI does: <c>HEROKU_API_KEY</c>, else <c>~/.netrc</c>.</summary>
public static class HerokuCredentials
{
    public const string ApiKeyVariable = "HEROKU_API_KEY";

    /// <summary>
    /// The token from <c>HEROKU_API_KEY</c>, else the password of the <c>~/.netrc</c> entry whose machine is
    /// <paramref name="apiUrl"/>'s host; throws a <see cref="ToolException"/> (exit 1) when there is neither.
    /// </summary>
    public static string Resolve(IReadOnlyDictionary<string, string> env, string homeDirectory, Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        ArgumentNullException.ThrowIfNull(apiUrl);

        if (env.TryGetValue(ApiKeyVariable, out var key) && !string.IsNullOrWhiteSpace(key))
        {
            return key.Trim();
        }

        var host = apiUrl.Host;
        var netrc = NetrcFile.Load(Path.Combine(homeDirectory, ".netrc"));
        var password = netrc.Find(host)?.Password;
        if (!string.IsNullOrEmpty(password))
        {
            return password;
        }

        throw new ToolException(
            $"not logged in: set {ApiKeyVariable} or log in with `heroku login` (~/.netrc has no entry for {host})",
            ExitCodes.Failure);
    }
}
