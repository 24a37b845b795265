using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Api;

/// <summary>The one-off dynos started since the sandbox started (they do not outlive it, so they are not persisted).</summary>
internal sealed class RunningDynos
{
    private readonly Lock _gate = new();
    private readonly List<RunningDyno> _dynos = [];

    public RunningDyno Add(RunningDyno dyno)
    {
        lock (_gate)
        {
            // Heroku forgets a one-off dyno once its command has exited; so does the sandbox (and its memory with it).
            _dynos.RemoveAll(d => d.Finished);
            _dynos.Add(dyno);
            return dyno;
        }
    }

    public IReadOnlyList<RunningDyno> OfApp(string appId)
    {
        lock (_gate)
        {
            return [.. _dynos.Where(d => d.AppId == appId && !d.Finished)];
        }
    }

    public bool NameTaken(string appId, string name)
    {
        lock (_gate)
        {
            return _dynos.Exists(d => d.AppId == appId && d.Session.Spec.Name == name);
        }
    }
}

internal sealed record RunningDyno(
    string Id,
    string AppId,
    string ReleaseId,
    int ReleaseVersion,
    string Size,
    DateTimeOffset CreatedAt,
    DynoSession Session)
{
    /// <summary>The command has exited (or never ran): the dyno no longer exists for the Platform API.</summary>
    public bool Finished => Session.State is DynoStates.Complete or DynoStates.Crashed;
}
