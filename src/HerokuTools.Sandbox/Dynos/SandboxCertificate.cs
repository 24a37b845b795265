using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// The sandbox's self-signed TLS certificate (ECDSA P-256, SAN <c>IP:127.0.0.1</c> and <c>DNS:localhost</c>,
/// <c>CA:true</c> so Node accepts it through <c>NODE_EXTRA_CA_CERTS</c>). Created once in a folder as PEM and reused.
/// </summary>
public sealed class SandboxCertificate : IDisposable
{
    public const string CertificateFileName = "sandbox-cert.pem";
    public const string KeyFileName = "sandbox-key.pem";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    private SandboxCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    /// <summary>The certificate with its private key, for the TLS server.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate alone as PEM: what clients trust (e.g. <c>NODE_EXTRA_CA_CERTS</c>).</summary>
    public string CertificatePath { get; }

    /// <summary>The private key as PEM (mode 0600).</summary>
    public string KeyPath { get; }

    /// <summary>Loads the certificate from <paramref name="directory"/>, or creates and saves it there.</summary>
    public static SandboxCertificate LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        var existing = TryLoad(certificatePath, keyPath);
        if (existing is not null)
        {
            return new SandboxCertificate(existing, certificatePath, keyPath);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var created = Create(key);
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteAtomically(certificatePath, created.ExportCertificatePem(),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new SandboxCertificate(X509Certificate2.CreateFromPemFile(certificatePath, keyPath), certificatePath, keyPath);
    }

    public void Dispose() => Certificate.Dispose();

    private static X509Certificate2? TryLoad(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (certificate.NotAfter > DateTime.Now.AddDays(30))
            {
                return certificate;
            }

            certificate.Dispose();
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static X509Certificate2 Create(ECDsa key)
    {
        var request = new CertificateRequest("CN=HerokuTools sandbox", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Write('\n');
        }

        File.Move(temporary, path, overwrite: true);
    }
}
