namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// One expected rendezvous: a single-use secret and the connection that presents it. <see cref="Connection"/> fails
/// with <see cref="TimeoutException"/> when no client came in time, or is cancelled by <see cref="Cancel"/>.
/// </summary>
internal sealed class RendezvousTicket : IDisposable
{
    private readonly TaskCompletionSource<RendezvousConnection> _connection =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<RendezvousTicket, bool> _withdraw;
    private readonly CancellationTokenSource _timeout = new();

    public RendezvousTicket(string secret, string url, Func<RendezvousTicket, bool> withdraw)
    {
        Secret = secret;
        Url = url;
        _withdraw = withdraw;
    }

    public string Secret { get; }

    /// <summary><c>rendezvous://127.0.0.1:PORT/SECRET</c>.</summary>
    public string Url { get; }

    public Task<RendezvousConnection> Connection => _connection.Task;

    /// <summary>Starts the wait; call once the secret can be presented.</summary>
    public void StartTimer(TimeSpan timeout)
    {
        _timeout.Token.Register(() =>
        {
            if (_withdraw(this))
            {
                _connection.TrySetException(new TimeoutException("No client attached to the dyno in time."));
            }
        });
        _timeout.CancelAfter(timeout);
    }

    /// <summary>Withdraws the secret: no client can use it any more.</summary>
    public void Cancel()
    {
        if (_withdraw(this))
        {
            _connection.TrySetCanceled();
        }
    }

    public void Dispose() => _timeout.Dispose();

    /// <summary>Called by the server once it has taken the secret out of its table (so exactly once).</summary>
    internal void Connected(RendezvousConnection connection)
    {
        if (!_connection.TrySetResult(connection))
        {
            connection.Abort();
        }
    }

    internal void Fail(Exception error) => _connection.TrySetException(error);
}
