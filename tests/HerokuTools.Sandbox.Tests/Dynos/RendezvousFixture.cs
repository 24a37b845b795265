using System.Text;
using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Tests.Dynos;

[assembly: AssemblyFixture(typeof(RendezvousFixture))]

namespace HerokuTools.Sandbox.Tests.Dynos;

/// <summary>One certificate and one rendezvous server (real TLS on 127.0.0.1) for all dyno tests.</summary>
public sealed class RendezvousFixture : IAsyncDisposable
{
    public RendezvousFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sbdyno-").FullName;
        Certificate = SandboxCertificate.LoadOrCreate(Path.Combine(Directory, "tls"));
        Server = new RendezvousServer(Certificate.Certificate);
        Client = RendezvousClient.TrustingPemFile(Certificate.CertificatePath);
    }

    public string Directory { get; }

    public SandboxCertificate Certificate { get; }

    public RendezvousServer Server { get; }

    public RendezvousClient Client { get; }

    /// <summary>A fresh working directory for one dyno.</summary>
    public string NewWorkingDirectory() =>
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "app-" + Guid.NewGuid().ToString("N"))).FullName;

    public static DynoSpec Spec(string command, string workingDirectory, bool attach = true,
        IReadOnlyDictionary<string, string>? environment = null) =>
        new("demo", "run.1", command, workingDirectory, environment ?? new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["PORT"] = "5000",
            ["DYNO"] = "run.1",
        }, attach);

    /// <summary>Attaches as our CLI would; returns what was shown and the marker's exit status.</summary>
    public async Task<(string Output, int? Status)> AttachAsync(string attachUrl, string? input = null)
    {
        using var output = new MemoryStream();
        using var stdin = input is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = await Client.AttachAsync(attachUrl, output, stdin, timeout.Token);
        return (Encoding.UTF8.GetString(output.ToArray()), status);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificate.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
