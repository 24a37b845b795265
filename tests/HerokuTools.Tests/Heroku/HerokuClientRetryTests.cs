using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HerokuTools.Common;
using HerokuTools.Heroku;
using HerokuTools.Heroku.Models;
using static HerokuTools.Tests.Heroku.TestApiServer;

namespace HerokuTools.Tests.Heroku;

public sealed class HerokuClientRetryTests(TestApiServer server) : IClassFixture<TestApiServer>
{
    private const string App = """{"id":"a1","name":"retry","maintenance":false}""";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_503_is_retried_after_the_backoff_and_then_succeeds()
    {
        server.OnSequence("GET", "/apps/flaky", Respond(503, """{"id":"unavailable","message":"try again"}"""), Respond(200, App));
        using var test = new TestClient(server.Url);

        var app = await test.Client.GetAppAsync("flaky", Token);

        app.Name.ShouldBe("retry");
        server.RequestsTo("/apps/flaky").Count.ShouldBe(2);
        test.Delays.ShouldBe([TimeSpan.FromMilliseconds(100)]);
    }

    [Fact]
    public async Task Retry_after_in_seconds_replaces_the_backoff()
    {
        server.OnSequence("GET", "/apps/limited", Respond(429, """{"id":"rate_limit","message":"slow down"}""", ("Retry-After", "7")), Respond(200, App));
        using var test = new TestClient(server.Url);

        await test.Client.GetAppAsync("limited", Token);

        test.Delays.ShouldBe([TimeSpan.FromSeconds(7)]);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_waits_until_then()
    {
        var at = TestClient.Now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
        server.OnSequence("GET", "/apps/dated", Respond(503, "busy", ("Retry-After", at)), Respond(200, App));
        using var test = new TestClient(server.Url);

        await test.Client.GetAppAsync("dated", Token);

        test.Delays.ShouldBe([TimeSpan.FromSeconds(30)]);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_wait_budget_gives_up_at_once()
    {
        server.On("GET", "/apps/patient", Respond(429, """{"id":"rate_limit","message":"Your account reached the API rate limit"}""", ("Retry-After", "600")));
        using var test = new TestClient(server.Url, maxRetryWait: TimeSpan.FromSeconds(60));

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAppAsync("patient", Token));

        error.Id.ShouldBe("rate_limit");
        test.Delays.ShouldBeEmpty();
        server.RequestsTo("/apps/patient").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Post_is_never_retried()
    {
        server.On("POST", "/apps/once/dynos", Respond(503, """{"id":"unavailable","message":"dyno backend down"}"""));
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(
            () => test.Client.CreateDynoAsync("once", new DynoCreateRequest { Command = "rake db:migrate" }, Token));

        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        server.RequestsTo("/apps/once/dynos").Count.ShouldBe(1);
        test.Delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task Patch_is_retried_like_other_idempotent_methods()
    {
        server.OnSequence("PATCH", "/apps/patchy/config-vars", Respond(502, "<html>bad gateway</html>"), Respond(200, """{"A":"1"}"""));
        using var test = new TestClient(server.Url);

        var config = await test.Client.UpdateConfigVarsAsync("patchy", new Dictionary<string, string?> { ["A"] = "1" }, Token);

        config["A"].ShouldBe("1");
        server.RequestsTo("/apps/patchy/config-vars").Select(r => r.Body).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_with_the_last_error()
    {
        var calls = 0;
        server.On("GET", "/apps/broken", context =>
            Respond(context, 500, $$"""{"id":"internal_error","message":"failure number {{Interlocked.Increment(ref calls)}}"}"""));
        using var test = new TestClient(server.Url, maxAttempts: 5);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAppAsync("broken", Token));

        error.Message.ShouldBe("Heroku API: failure number 5 (internal_error, HTTP 500, GET /apps/broken)");
        error.ExitCode.ShouldBe(ExitCodes.Failure);
        server.RequestsTo("/apps/broken").Count.ShouldBe(5);
        test.Delays.ShouldBe(new[] { 100, 200, 400, 800 }.Select(ms => TimeSpan.FromMilliseconds(ms)));
    }

    [Fact]
    public async Task Connection_refused_is_retried_for_get_then_reported_in_one_line()
    {
        using var test = new TestClient(new Uri($"http://127.0.0.1:{ClosedPort()}"), maxAttempts: 3);

        var error = await Should.ThrowAsync<ToolException>(() => test.Client.GetAccountAsync(Token));

        error.ShouldNotBeOfType<HerokuApiException>();
        error.Message.ShouldStartWith("cannot reach the Heroku API at 127.0.0.1:");
        error.Message.ShouldContain("GET /account, 3 attempts");
        error.Message.ShouldNotContain("\n");
        test.Delays.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        server.OnSequence("GET", "/apps/slow",
            async context => { await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted); },
            Respond(200, App));
        using var test = new TestClient(server.Url, requestTimeout: TimeSpan.FromMilliseconds(300));

        var app = await test.Client.GetAppAsync("slow", Token);

        app.Id.ShouldBe("a1");
        test.Delays.Count.ShouldBe(1);
        test.Log.ShouldContain(line => line.StartsWith("GET /apps/slow -> timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        server.On("GET", "/apps/missing", Respond(404, """{"id":"not_found","message":"Couldn't find that app."}"""));
        using var test = new TestClient(server.Url);

        await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAppAsync("missing", Token));

        server.RequestsTo("/apps/missing").Count.ShouldBe(1);
        test.Delays.ShouldBeEmpty();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
