using System.Diagnostics;
using System.Text.Json;
using HerokuTools.Sandbox.Dynos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HerokuTools.Sandbox.Tests.Dynos;

/// <summary>
/// The official heroku CLI's <c>heroku run</c> against our rendezvous, through a three-endpoint API stub.
/// Opt-in (slow: the CLI takes seconds to start): set SBDYNO_HEROKU_CLI to its <c>bin/run.js</c>.
/// </summary>
public sealed class HerokuCliTests(RendezvousFixture fixture)
{
    [Theory]
    [InlineData(true, "echo hello; echo oops >&2; read x; echo got:$x; sh -c 'exit 3'", "hello\noops\ngot:hi\n", 3)]
    [InlineData(false, "echo plain", "plain\n", 0)]
    public async Task Heroku_run_streams_output_forwards_input_and_passes_the_exit_code(
        bool exitCode, string command, string expectedOutput, int expectedExit)
    {
        var cli = Environment.GetEnvironmentVariable("SBDYNO_HEROKU_CLI");
        Assert.SkipWhen(cli is null, "set SBDYNO_HEROKU_CLI to the heroku CLI's bin/run.js to run this");
        await using var runner = new DynoRunner(fixture.Server);
        await using var api = await StartApiStubAsync(runner);

        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli!, "run", exitCode ? "-x" : "", "-a", "demo", "--no-notify", "--", command }.Where(a => a.Length > 0))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HEROKU_HOST"] = api.Urls.First();
        info.Environment["HEROKU_API_KEY"] = "sandbox-token";
        info.Environment["NODE_EXTRA_CA_CERTS"] = fixture.Certificate.CertificatePath;
        info.Environment["HOME"] = fixture.NewWorkingDirectory();
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync("hi\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

        (await stdout).ShouldBe(expectedOutput, await stderr);
        process.ExitCode.ShouldBe(expectedExit);
    }

    private async Task<WebApplication> StartApiStubAsync(DynoRunner runner)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/account", () => Results.Text("""{"email":"dev@example.com"}""", "application/json"));
        app.MapGet("/apps/demo", () => Results.Text("""{"name":"demo","stack":{"name":"heroku-24"}}""", "application/json"));
        app.MapPost("/apps/demo/dynos", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var command = body.RootElement.GetProperty("command").GetString()!;
            var dyno = runner.Start(RendezvousFixture.Spec(command, fixture.NewWorkingDirectory()));
            return Results.Text($$"""{"name":"run.1","attach_url":"{{dyno.AttachUrl}}","state":"starting"}""",
                "application/json", statusCode: 201);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
