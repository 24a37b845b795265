namespace HerokuTools.Sandbox.Dynos;

/// <summary>The values of <see cref="DynoSession.State"/>.</summary>
public static class DynoStates
{
    /// <summary>Created; an attached dyno waits for its client.</summary>
    public const string Starting = "starting";

    /// <summary>The command runs.</summary>
    public const string Up = "up";

    /// <summary>The command exited with status 0.</summary>
    public const string Complete = "complete";

    /// <summary>The command failed (non-zero status, stopped, connection dropped) or never ran (no client came).</summary>
    public const string Crashed = "crashed";
}
