namespace HerokuTools.Sandbox;

/// <summary>The sandbox: a local Heroku (Platform API subset, git over smart HTTP, dynos, Postgres).</summary>
public static class SandboxInfo
{
    public const string DefaultDirectory = ".heroku-sandbox";
}
