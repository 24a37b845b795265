using System.Collections.Concurrent;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Api;

/// <summary>A stand-in for the real runner: records specs, runs nothing.</summary>
internal sealed class TestDynoRunner : IDynoRunner
{
    public ConcurrentQueue<DynoSpec> Started { get; } = new();

    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    public DynoSession Start(DynoSpec spec)
    {
        Started.Enqueue(spec);
        var session = new Session { Spec = spec, AttachUrl = spec.Attach ? "rendezvous://127.0.0.1:5000/secret-" + spec.Name : null };
        _sessions[spec.App + "/" + spec.Name] = session;
        return session;
    }

    /// <summary>True once the platform asked that dyno to stop.</summary>
    public bool WasStopped(string app, string name) => _sessions[app + "/" + name].Stopped;

    /// <summary>The command of that dyno "exits" with the given state (complete or crashed).</summary>
    public void Finish(string app, string name, string state) => _sessions[app + "/" + name].CurrentState = state;

    private sealed class Session : DynoSession
    {
        public string CurrentState { get; set; } = DynoStates.Up;

        public override string State => CurrentState;

        public override Task<int> Completion => Task.FromResult(0);

        public override string Output => "";

        public bool Stopped { get; private set; }

        public override Task StopAsync()
        {
            Stopped = true;
            CurrentState = DynoStates.Crashed;
            return Task.CompletedTask;
        }
    }
}
