namespace HerokuTools.Sandbox.Git;

/// <summary>A push to build.</summary>
/// <param name="App">The app's name.</param>
/// <param name="Update">The main/master update being built.</param>
/// <param name="AllUpdates">Every ref the push changes (other branches and tags are stored, not built).</param>
/// <param name="CommitMessage">The built commit's full message.</param>
/// <param name="SourceDirectory">The built commit's files (<c>git archive</c>), extracted into a temporary folder
/// that is deleted after <see cref="IPushReceiver.ReceiveAsync"/> returns.</param>
public sealed record PushRequest(
    string App,
    RefUpdate Update,
    IReadOnlyList<RefUpdate> AllUpdates,
    string CommitMessage,
    string SourceDirectory)
{
    /// <summary>The built commit's sha.</summary>
    public string Commit => Update.NewSha;

    /// <summary>The built branch: <c>main</c> or <c>master</c>.</summary>
    public string Branch => Update.Branch!;
}
