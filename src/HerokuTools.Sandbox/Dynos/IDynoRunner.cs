namespace HerokuTools.Sandbox.Dynos;

/// <summary>Runs one-off dynos: <c>bash -c COMMAND</c> in a folder, with an environment, attached or detached.</summary>
public interface IDynoRunner
{
    /// <summary>
    /// Starts a dyno. Attached: the command starts when a client connects to <see cref="DynoSession.AttachUrl"/>
    /// (Heroku's rendezvous protocol) and its output streams there. Detached: it starts at once and its output goes
    /// to <see cref="DynoSession.Output"/> (the app's log).
    /// </summary>
    DynoSession Start(DynoSpec spec);
}

/// <param name="App">The app's name.</param>
/// <param name="Name">The dyno's name, e.g. <c>run.1234</c>.</param>
/// <param name="Command">The command line, run with <c>bash -c</c>.</param>
/// <param name="WorkingDirectory">A checkout of the app's current release (an empty folder when it has none).</param>
/// <param name="Environment">The app's config vars plus PORT and DYNO; nothing else of the sandbox's own environment
/// but PATH, HOME and LANG.</param>
/// <param name="Attach">Attached (rendezvous) or detached.</param>
public sealed record DynoSpec(
    string App,
    string Name,
    string Command,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    bool Attach);

/// <summary>A started dyno.</summary>
public abstract class DynoSession
{
    public required DynoSpec Spec { get; init; }

    /// <summary><c>rendezvous://127.0.0.1:PORT/SECRET</c> for attached dynos; null for detached ones.</summary>
    public string? AttachUrl { get; init; }

    /// <summary>"starting" until the command runs, "up" while it runs, "crashed"/"complete" after.</summary>
    public abstract string State { get; }

    /// <summary>The exit status, once the command has finished.</summary>
    public abstract Task<int> Completion { get; }

    /// <summary>Everything the command printed so far (stdout and stderr interleaved), for logs of detached dynos.</summary>
    public abstract string Output { get; }

    /// <summary>Stops the command (SIGTERM, then SIGKILL).</summary>
    public abstract Task StopAsync();
}
