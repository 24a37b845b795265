namespace HerokuTools.Sandbox.Git;

/// <summary>One ref a push changes, as git's pre-receive hook sees it.</summary>
/// <param name="OldSha">The ref's commit before the push; all zeros when the push creates it.</param>
/// <param name="NewSha">The ref's commit after the push; all zeros when the push deletes it.</param>
/// <param name="RefName">The full ref name, e.g. <c>refs/heads/main</c>.</param>
public sealed record RefUpdate(string OldSha, string NewSha, string RefName)
{
    public const string ZeroSha = "0000000000000000000000000000000000000000";

    public bool IsCreate => OldSha == ZeroSha;

    public bool IsDelete => NewSha == ZeroSha;

    /// <summary>The branch name for <c>refs/heads/*</c>, otherwise null.</summary>
    public string? Branch => RefName.StartsWith("refs/heads/", StringComparison.Ordinal) ? RefName["refs/heads/".Length..] : null;

    /// <summary>Heroku builds pushes to <c>main</c> and <c>master</c> only.</summary>
    public bool IsDeployBranch => !IsDelete && Branch is "main" or "master";
}
