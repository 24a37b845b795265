namespace HerokuTools.Sandbox.Git;

/// <summary>
/// Builds a push to an app's main or master branch: creates the slug and the release (implemented by the sandbox's
/// state). Runs while git's pre-receive hook waits: the ref is updated only when this accepts the push.
/// </summary>
public interface IPushReceiver
{
    /// <summary>
    /// Builds <paramref name="push"/>. Lines written to <paramref name="output"/> reach the pushing terminal at once
    /// as <c>remote: ...</c> lines. <paramref name="push"/>'s <see cref="PushRequest.SourceDirectory"/> is deleted when
    /// this returns: copy what must outlive the call.
    /// </summary>
    Task<PushOutcome> ReceiveAsync(PushRequest push, IPushOutput output, CancellationToken cancellation);
}
