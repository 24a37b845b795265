using System.Net.Security;
using System.Net.Sockets;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>A client that presented a valid secret; the banner has been sent, the rest is the dyno's.</summary>
internal sealed class RendezvousConnection(TcpClient tcp, SslStream stream) : IAsyncDisposable
{
    private int _closed;

    /// <summary>The TLS stream: dyno output is written here, client input is read from here.</summary>
    public SslStream Stream { get; } = stream;

    /// <summary>
    /// Ends the session cleanly: TLS close_notify and TCP FIN, then waits (bounded) for <paramref name="readerDone"/>,
    /// the task that reads what the client still sends, so that unread input does not turn our close into a reset.
    /// </summary>
    public async Task CloseAsync(Task readerDone, TimeSpan drainTimeout)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await Stream.FlushAsync();
            await Stream.ShutdownAsync();
            tcp.Client.Shutdown(SocketShutdown.Send);
            await readerDone.WaitAsync(drainTimeout);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or TimeoutException)
        {
            // The client is gone or slow to hang up; closing anyway is all that is left.
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Drops the connection abruptly (TCP reset, no TLS close_notify), as a network failure would.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            tcp.Client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already closed.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        tcp.Client.Close();
        Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closed, 1);
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Dispose()
    {
        Stream.Dispose();
        tcp.Dispose();
    }
}
