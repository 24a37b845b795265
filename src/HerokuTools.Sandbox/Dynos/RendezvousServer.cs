using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// Heroku's rendezvous endpoint: one TLS listener on 127.0.0.1 for all attached dynos. A client connects, sends
/// <c>SECRET\r\n</c>, receives <c>rendezvous\r\n</c> and then the dyno's output; what it sends is the dyno's input.
/// Secrets are single-use; a connection with an unknown secret is closed.
/// </summary>
public sealed class RendezvousServer : IAsyncDisposable
{
    /// <summary>The first chunk sent after a valid secret; clients discard it.</summary>
    public const string Banner = "rendezvous\r\n";

    private const int MaxSecretLength = 512;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, RendezvousTicket> _tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _handshakes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    /// <summary>Starts listening on 127.0.0.1 at a free port.</summary>
    public RendezvousServer(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>Registers a new single-use secret, waited for during <paramref name="timeout"/>.</summary>
    internal RendezvousTicket Expect(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var ticket = new RendezvousTicket(secret, $"rendezvous://{Host}:{Port}/{secret}", Withdraw);
        _tickets[secret] = ticket;
        ticket.StartTimer(timeout);
        return ticket;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_handshakes.Keys);
        foreach (var secret in _tickets.Keys)
        {
            if (_tickets.TryRemove(secret, out var ticket))
            {
                ticket.Fail(new ObjectDisposedException(nameof(RendezvousServer)));
            }
        }

        _stopping.Dispose();
    }

    private bool Withdraw(RendezvousTicket ticket) =>
        _tickets.TryRemove(new KeyValuePair<string, RendezvousTicket>(ticket.Secret, ticket));

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var handshake = HandshakeAsync(client);
            _handshakes.TryAdd(handshake, 0);
            _ = handshake.ContinueWith(done => _handshakes.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task HandshakeAsync(TcpClient client)
    {
        client.NoDelay = true;
        var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }, timeout.Token);
            var secret = await ReadSecretAsync(stream, timeout.Token);
            if (secret is null || !_tickets.TryRemove(secret, out var ticket))
            {
                await stream.DisposeAsync();
                client.Dispose();
                return;
            }

            var connection = new RendezvousConnection(client, stream);
            try
            {
                // Its own write and flush: clients drop the first chunk they receive.
                await stream.WriteAsync(Encoding.ASCII.GetBytes(Banner), timeout.Token);
                await stream.FlushAsync(timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                connection.Abort();
                ticket.Fail(new IOException("The client went away during the rendezvous.", e));
                return;
            }

            ticket.Connected(connection);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException
                                      or SocketException or ObjectDisposedException)
        {
            await stream.DisposeAsync();
            client.Dispose();
        }
    }

    /// <summary>Reads up to <c>\n</c> byte by byte, so nothing the client sends after the secret is consumed.</summary>
    private static async Task<string?> ReadSecretAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new byte[MaxSecretLength];
        var one = new byte[1];
        for (var length = 0; length < line.Length; length++)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(line, 0, length).TrimEnd('\r');
            }

            line[length] = one[0];
        }

        return null;
    }
}
