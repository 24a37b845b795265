namespace HerokuTools.Sandbox.Git;

/// <summary>Heroku's build-output shapes, for receivers: <c>-----> Step</c>, indented details, <c> !     errors</c>.</summary>
public static class BuildLog
{
    /// <summary><c>-----> Building on the Heroku-24 stack</c>.</summary>
    public static string Step(string text) => "-----> " + text;

    /// <summary><c>       Released v7</c>: a detail under a step.</summary>
    public static string Detail(string text) => "       " + text;

    /// <summary><c> !     Push failed</c>.</summary>
    public static string Error(string text) => " !     " + text;

    /// <summary><c>https://APP.herokuapp.com/ deployed to Heroku</c>, as a detail.</summary>
    public static string Deployed(Uri webUrl) => Detail($"{webUrl} deployed to Heroku");
}
