using System.Security.Cryptography;
using System.Text;

namespace HerokuTools.Sandbox.Git;

/// <summary>How <see cref="GitSmartHttpEndpoints.MapGitSmartHttp"/> serves the apps' repositories.</summary>
public sealed class GitHttpOptions
{
    public required GitRepositories Repositories { get; init; }

    /// <summary>Builds pushes to main/master.</summary>
    public required IPushReceiver Receiver { get; init; }

    /// <summary>Checks the HTTP Basic password (the API token; the user name is ignored). See <see cref="SingleToken"/>.</summary>
    public required Func<string, bool> IsValidToken { get; init; }

    /// <summary>Whether an app exists; its repository is created on first use. Unknown apps get 404.</summary>
    public Func<string, bool> AppExists { get; init; } = _ => true;

    /// <summary>Where the repositories are mounted: <c>{PathPrefix}/{app}.git</c>.</summary>
    public string PathPrefix { get; init; } = "/git";

    /// <summary>How long a build may take before the push is rejected.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The HEROKU_GIT_URL template for a server at <paramref name="baseAddress"/>:
    /// <c>http://127.0.0.1:PORT/git/{app}.git</c>.</summary>
    public string UrlTemplate(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return $"{baseAddress.GetLeftPart(UriPartial.Authority)}/{PathPrefix.Trim('/')}/{{app}}.git";
    }

    /// <summary>A token check against one token, in constant time.</summary>
    public static Func<string, bool> SingleToken(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return candidate => CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(candidate));
    }
}
