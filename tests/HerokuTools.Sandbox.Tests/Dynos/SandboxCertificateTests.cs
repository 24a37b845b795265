using System.Net;
using System.Security.Cryptography.X509Certificates;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public class SandboxCertificateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sbdyno-cert-").FullName;

    [Fact]
    public void Is_a_ca_for_localhost_and_127_0_0_1_with_a_private_key_file()
    {
        using var certificate = SandboxCertificate.LoadOrCreate(_directory);

        certificate.Certificate.HasPrivateKey.ShouldBeTrue();
        var names = certificate.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateIPAddresses().ShouldBe([IPAddress.Loopback]);
        names.EnumerateDnsNames().ShouldBe(["localhost"]);
        certificate.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single()
            .CertificateAuthority.ShouldBeTrue();
        certificate.Certificate.NotAfter.ShouldBeGreaterThan(DateTime.Now.AddYears(5));
        File.ReadAllText(certificate.CertificatePath).ShouldStartWith("-----BEGIN CERTIFICATE-----");
        File.ReadAllText(certificate.CertificatePath).ShouldNotContain("PRIVATE KEY");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(certificate.KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Is_reused_on_restart_and_recreated_when_its_key_is_gone()
    {
        string first;
        using (var created = SandboxCertificate.LoadOrCreate(_directory))
        {
            first = created.Certificate.Thumbprint;
        }

        using (var reloaded = SandboxCertificate.LoadOrCreate(_directory))
        {
            reloaded.Certificate.Thumbprint.ShouldBe(first);
            reloaded.Certificate.HasPrivateKey.ShouldBeTrue();
            File.Delete(reloaded.KeyPath);
        }

        using var recreated = SandboxCertificate.LoadOrCreate(_directory);
        recreated.Certificate.Thumbprint.ShouldNotBe(first);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
