namespace HerokuTools.Sandbox;

/// <summary>The sandbox: a local Heroku (Platform API subset, git over smart HTTP, dynos, Postgres).</summary>
public static class SandboxInfo
{
    public const string DefaultDirectory = ".heroku-sandbox";

    /// <summary>The file in the state directory that holds the API token (owner-only).</summary>
    public const string TokenFileName = "api-token";

    /// <summary>The API token of the sandbox whose state is in <paramref name="directory"/> (made on first start).</summary>
    public static string ReadToken(string directory)
    {
        var path = Path.Combine(directory, TokenFileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : throw new FileNotFoundException("no sandbox token", path);
    }
}
