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
            _dynos.Add(dyno);
            return dyno;
        }
    }

    public IReadOnlyList<RunningDyno> OfApp(string appId)
    {
        lock (_gate)
        {
            return [.. _dynos.Where(d => d.AppId == appId)];
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
    DynoSession Session);
