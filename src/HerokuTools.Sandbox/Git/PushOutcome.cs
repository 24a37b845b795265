namespace HerokuTools.Sandbox.Git;

/// <summary>What the receiver made of a push. A rejected push fails on the client ("pre-receive hook declined")
/// and leaves the ref where it was.</summary>
public sealed record PushOutcome(bool Accepted, string? Message)
{
    public static PushOutcome Accept() => new(true, null);

    /// <param name="message">Shown to the pusher, e.g. "Push rejected, failed to compile Node.js app."</param>
    public static PushOutcome Reject(string message) => new(false, message);
}
