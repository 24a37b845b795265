namespace HerokuTools.Sandbox.Dynos;

public sealed class DynoRunnerOptions
{
    /// <summary>How long an attached dyno waits for its client before it gives up ("crashed"), as Heroku does.</summary>
    public TimeSpan AttachTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Between SIGTERM and SIGKILL when a dyno is stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many characters of output <see cref="DynoSession.Output"/> keeps (the last ones).</summary>
    public int OutputLimit { get; init; } = 64 * 1024;

    /// <summary>Receives each line a detached dyno prints (for the app's log); called from a background thread.</summary>
    public Action<DynoSpec, string>? LogLine { get; init; }
}
