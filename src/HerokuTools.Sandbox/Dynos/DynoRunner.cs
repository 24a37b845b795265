using System.Collections.Concurrent;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// Runs dynos as local processes (<c>bash -c COMMAND</c> with exactly the spec's environment, in its own process
/// group). Attached dynos are reached through <paramref name="rendezvous"/>. Disposing stops every dyno still running.
/// </summary>
public sealed class DynoRunner(RendezvousServer? rendezvous, DynoRunnerOptions? options = null)
    : IDynoRunner, IAsyncDisposable
{
    private readonly DynoRunnerOptions _options = options ?? new DynoRunnerOptions();
    private readonly ConcurrentDictionary<DynoSession, byte> _running = new();

    /// <summary>
    /// Fault hook for tests: attached dynos started from now on have their connection reset after this many bytes
    /// of output (and are then stopped, as when a client vanishes). Null: never.
    /// </summary>
    public long? DropAfterBytes { get; set; }

    public DynoSession Start(DynoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RendezvousTicket? ticket = null;
        if (spec.Attach)
        {
            if (rendezvous is null)
            {
                throw new InvalidOperationException("Attached dynos need a rendezvous server.");
            }

            ticket = rendezvous.Expect(_options.AttachTimeout);
        }

        var dyno = new LocalDyno(spec, ticket, _options) { DropAfterBytes = DropAfterBytes };
        _running.TryAdd(dyno, 0);
        _ = dyno.Completion.ContinueWith(_ => _running.TryRemove(dyno, out var _), TaskScheduler.Default);
        dyno.Begin();
        return dyno;
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(_running.Keys.Select(dyno => dyno.StopAsync()));
}
