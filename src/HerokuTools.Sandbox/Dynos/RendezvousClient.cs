using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// Attaches to a dyno as <c>heroku run</c> does: TLS to the attach URL's host, sends the secret, drops the first
/// chunk (the <c>rendezvous</c> banner), streams the rest to an output stream and input to the dyno. Input ending
/// sends Ctrl-D (0x04), as the heroku CLI does. Returns when the server closes the connection.
/// </summary>
public sealed class RendezvousClient
{
    private readonly X509Certificate2? _trustedCertificate;
    private readonly RemoteCertificateValidationCallback? _validate;

    /// <summary>Trusts servers whose certificate chains to <paramref name="trustedCertificate"/> (and matches the host).</summary>
    public RendezvousClient(X509Certificate2 trustedCertificate) => _trustedCertificate = trustedCertificate;

    /// <summary>Lets <paramref name="validate"/> decide about the server's certificate.</summary>
    public RendezvousClient(RemoteCertificateValidationCallback validate) => _validate = validate;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A client trusting the CA certificate in a PEM file (e.g. the sandbox's <see cref="SandboxCertificate.CertificatePath"/>).</summary>
    public static RendezvousClient TrustingPemFile(string caPemPath) =>
        new(X509Certificate2.CreateFromPem(File.ReadAllText(caPemPath)));

    /// <summary>
    /// Runs the session. Output (minus an exit-status marker, see <see cref="ExitStatusMarker"/>) goes to
    /// <paramref name="output"/>; <paramref name="input"/> (optional) goes to the dyno once it is up.
    /// </summary>
    /// <returns>The exit status from the marker, or null when the output carried none.</returns>
    /// <exception cref="IOException">The connection failed, was refused or was dropped.</exception>
    /// <exception cref="AuthenticationException">The server's certificate is not trusted.</exception>
    public async Task<int?> AttachAsync(string attachUrl, Stream output, Stream? input = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var address = RendezvousAddress.Parse(attachUrl);
        using var tcp = new TcpClient { NoDelay = true };
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(ConnectTimeout);
            await tcp.ConnectAsync(address.Host, address.Port, connecting.Token);
        }

        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(AuthenticationOptions(address.Host), cancellationToken);
        await tls.WriteAsync(Encoding.UTF8.GetBytes(address.Secret + "\r\n"), cancellationToken);
        await tls.FlushAsync(cancellationToken);

        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var marker = new ExitStatusMarker();
        var buffer = new byte[64 * 1024];
        var first = true;
        Task forwarding = Task.CompletedTask;
        try
        {
            int read;
            while ((read = await tls.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                if (first)
                {
                    first = false;
                    chunk = chunk.Span.StartsWith(Encoding.ASCII.GetBytes(RendezvousServer.Banner))
                        ? chunk[RendezvousServer.Banner.Length..]
                        : Memory<byte>.Empty;
                    if (input is not null)
                    {
                        forwarding = ForwardInputAsync(input, tls, stopInput.Token);
                    }
                }

                if (!chunk.IsEmpty)
                {
                    await output.WriteAsync(marker.Filter(chunk.Span), cancellationToken);
                    await output.FlushAsync(cancellationToken);
                }
            }

            if (first)
            {
                throw new IOException("The dyno refused the connection (unknown or already used secret, or it is no longer waiting).");
            }

            await output.WriteAsync(marker.Flush(), cancellationToken);
            await output.FlushAsync(cancellationToken);
            return marker.ExitStatus;
        }
        finally
        {
            await stopInput.CancelAsync();
            _ = forwarding.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    private static async Task ForwardInputAsync(Stream input, SslStream tls, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await tls.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await tls.FlushAsync(cancellationToken);
            }

            await tls.WriteAsync(new byte[] { 0x04 }, cancellationToken);
            await tls.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The session is over; input no longer matters.
        }
    }

    private SslClientAuthenticationOptions AuthenticationOptions(string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        if (_validate is not null)
        {
            options.RemoteCertificateValidationCallback = _validate;
        }
        else
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.Add(_trustedCertificate!);
        }

        return options;
    }
}
