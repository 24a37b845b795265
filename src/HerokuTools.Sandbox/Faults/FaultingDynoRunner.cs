using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// Starts dynos through <see cref="DynoRunner"/>; an attached dyno of an app with an active drop_dyno fault (using it
/// up) has its rendezvous connection reset after the fault's <c>after_bytes</c> bytes of output.
/// </summary>
internal sealed class FaultingDynoRunner(DynoRunner inner, FaultBook faults) : IDynoRunner
{
    private readonly Lock _gate = new();

    public DynoSession Start(DynoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fault = spec.Attach ? faults.TakeForApp(FaultAction.DropDyno, spec.App) : null;
        lock (_gate)
        {
            if (fault is null)
            {
                return inner.Start(spec);
            }

            // DropAfterBytes applies to dynos started while it is set: set it around this one start only.
            var previous = inner.DropAfterBytes;
            inner.DropAfterBytes = fault.AfterBytes;
            try
            {
                return inner.Start(spec);
            }
            finally
            {
                inner.DropAfterBytes = previous;
            }
        }
    }
}
