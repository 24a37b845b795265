using HerokuTools.Sandbox.Git;

namespace HerokuTools.Sandbox.Faults;

/// <summary>Rejects a push when a reject_push fault for its app is active (using it up); otherwise builds as usual.</summary>
internal sealed class FaultingPushReceiver(IPushReceiver inner, FaultBook faults) : IPushReceiver
{
    public Task<PushOutcome> ReceiveAsync(PushRequest push, IPushOutput output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(push);
        return faults.TakeForApp(FaultAction.RejectPush, push.App) is { } fault
            ? Task.FromResult(PushOutcome.Reject(fault.Message!))
            : inner.ReceiveAsync(push, output, cancellation);
    }
}
