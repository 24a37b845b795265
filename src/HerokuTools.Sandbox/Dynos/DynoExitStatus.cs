namespace HerokuTools.Sandbox.Dynos;

/// <summary>Exit statuses of dynos whose command never ran to its own end.</summary>
public static class DynoExitStatus
{
    /// <summary>No client attached in time (Heroku's R13 attach error).</summary>
    public const int AttachTimedOut = 1;

    /// <summary>The process could not be started (e.g. the working directory is missing).</summary>
    public const int FailedToStart = 127;

    /// <summary>Stopped before it started, as a SIGTERM would report.</summary>
    public const int StoppedBeforeStart = 128 + ProcessGroup.SigTerm;
}
