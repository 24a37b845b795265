namespace HerokuTools.Sandbox.Faults;

/// <summary>What an injected fault does. The names are the admin endpoint's <c>action</c> values.</summary>
public static class FaultAction
{
    /// <summary>Answer a matching request with an error status and a Heroku-style body (optionally Retry-After).</summary>
    public const string Fail = "fail";

    /// <summary>Hold a matching request for <c>delay_ms</c>, then serve it normally.</summary>
    public const string Delay = "delay";

    /// <summary>Abort a matching request's connection without an answer.</summary>
    public const string Drop = "drop";

    /// <summary>Reject an app's next push (the build fails, the ref stays where it was).</summary>
    public const string RejectPush = "reject_push";

    /// <summary>Reset an app's next attached one-off dyno connection after <c>after_bytes</c> bytes of output.</summary>
    public const string DropDyno = "drop_dyno";

    public static readonly IReadOnlyList<string> All = [Fail, Delay, Drop, RejectPush, DropDyno];

    public static bool IsRequestFault(string action) => action is Fail or Delay or Drop;
}
