using System.Collections.Concurrent;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Api;

/// <summary>A stand-in for the real runner: records specs, runs nothing.</summary>
internal sealed class TestDynoRunner : IDynoRunner
{
    public ConcurrentQueue<DynoSpec> Started { get; } = new();

    public DynoSession Start(DynoSpec spec)
    {
        Started.Enqueue(spec);
        return new Session { Spec = spec, AttachUrl = spec.Attach ? "rendezvous://127.0.0.1:5000/secret-" + spec.Name : null };
    }

    private sealed class Session : DynoSession
    {
        public override string State => "up";

        public override Task<int> Completion => Task.FromResult(0);

        public override string Output => "";

        public override Task StopAsync() => Task.CompletedTask;
    }
}
