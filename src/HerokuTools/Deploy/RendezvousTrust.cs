using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using HerokuTools.Cli;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Deploy;

/// <summary>
/// Who the CLI trusts when it attaches to a one-off dyno: the system store (Heroku's rendezvous has a public
/// certificate) plus, when <c>HEROKU_TOOLS_CA_CERT</c> names a PEM file, that certificate as an extra root (the
/// sandbox; as <c>NODE_EXTRA_CA_CERTS</c> does for the heroku CLI). The host name must match either way.
/// </summary>
public static class RendezvousTrust
{
    public const string ExtraCaVariable = "HEROKU_TOOLS_CA_CERT";

    public static RendezvousClient Client(CliHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var path = host.GetEnv(ExtraCaVariable);
        if (path is not null && !File.Exists(path))
        {
            throw new Common.ToolException($"{ExtraCaVariable}={path}: no such file", Common.ExitCodes.Usage);
        }

        // Read when a certificate first needs it (attaching to a dyno), not up front: loading a certificate starts
        // the TLS library, milliseconds that a deploy without one-off dynos never needs to spend.
        var extra = path is null ? null : new Lazy<X509Certificate2>(() => Load(path));
        return new RendezvousClient((_, certificate, _, errors) => Validate(certificate, errors, extra));
    }

    private static X509Certificate2 Load(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new Common.ToolException($"{ExtraCaVariable}={path}: not a readable PEM certificate ({e.Message})", Common.ExitCodes.Usage);
        }
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, Lazy<X509Certificate2>? trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (trusted is null || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        var extra = trusted.Value;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(extra);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
