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
        X509Certificate2? extra = null;
        if (path is not null)
        {
            try
            {
                extra = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new Common.ToolException($"{ExtraCaVariable}={path}: not a readable PEM certificate ({e.Message})", Common.ExitCodes.Usage);
            }
        }

        return new RendezvousClient((_, certificate, _, errors) => Validate(certificate, errors, extra));
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? extra)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (extra is null || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(extra);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
