using System.Diagnostics;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

/// <summary>Node (what the official heroku CLI runs on) trusts the sandbox certificate and speaks our rendezvous.</summary>
public sealed class NodeClientTests(RendezvousFixture fixture)
{
    // Behaves like `heroku run` without a TTY: verifies the server against the default CAs plus
    // NODE_EXTRA_CA_CERTS, sends the secret, drops the first chunk, then prints everything and
    // forwards stdin, sending Ctrl-D when it ends.
    private const string Script = """
        const tls = require('node:tls');
        const url = new URL(process.env.ATTACH_URL);
        const c = tls.connect(Number.parseInt(url.port, 10), url.hostname);
        c.setEncoding('utf8');
        c.on('secureConnect', () => c.write(url.pathname.slice(1) + url.search + '\r\n'));
        let first = true;
        c.on('data', data => {
          if (first) {
            first = false;
            process.stdin.on('data', chunk => c.write(chunk));
            process.stdin.on('end', () => c.write('\u0004'));
            return;
          }
          process.stdout.write(data);
        });
        c.on('close', () => process.exit(0));
        c.on('error', error => { process.stderr.write(error.message); process.exit(2); });
        """;

    [Fact]
    public async Task Node_trusts_the_certificate_through_NODE_EXTRA_CA_CERTS_and_runs_a_session()
    {
        var node = FindNode();
        Assert.SkipWhen(node is null, "node is not installed on this machine");
        await using var runner = new DynoRunner(fixture.Server);
        var script = Path.Combine(fixture.NewWorkingDirectory(), "attach.js");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);

        var dyno = runner.Start(RendezvousFixture.Spec(ExitStatusMarker.AppendTo("read x; echo got:$x"), fixture.NewWorkingDirectory()));
        var (exit, stdout, stderr) = await RunNodeAsync(node!, script, dyno.AttachUrl!, fixture.Certificate.CertificatePath);

        stderr.ShouldBeEmpty();
        exit.ShouldBe(0);
        stdout.ShouldBe("got:hi\n\uFFFF heroku-command-exit-status: 0\n");

        var untrusted = runner.Start(RendezvousFixture.Spec("echo hi", fixture.NewWorkingDirectory()));
        var refused = await RunNodeAsync(node!, script, untrusted.AttachUrl!, caFile: null);
        refused.Exit.ShouldBe(2);
        refused.Stderr.ShouldContain("self-signed certificate");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunNodeAsync(
        string node, string script, string attachUrl, string? caFile)
    {
        var info = new ProcessStartInfo(node, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ATTACH_URL"] = attachUrl; // The secret stays off the command line.
        info.Environment.Remove("NODE_EXTRA_CA_CERTS");
        if (caFile is not null)
        {
            info.Environment["NODE_EXTRA_CA_CERTS"] = caFile;
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync("hi\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "node"))
            .FirstOrDefault(File.Exists);
}
