using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace HerokuTools.Sandbox.Tests.Faults;

/// <summary>fail, delay and drop faults, observed through a real HTTP client against the whole sandbox.</summary>
public sealed class RequestFaultTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await sandbox.Faults.ClearAsync();

    [Fact]
    public async Task A_fail_fault_answers_the_next_N_matching_requests_with_a_Heroku_error_then_is_gone()
    {
        var app = SandboxFixture.NewAppName("fail");
        await sandbox.CreateAppAsync(app);
        var added = await sandbox.Faults.FailNextAsync("GET", "/apps/*/releases", 503, times: 2);
        added.Remaining.ShouldBe(2);

        using (var other = await sandbox.Api.GetAsync($"/apps/{app}", Ct))
        {
            other.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var i = 0; i < 2; i++)
        {
            using var failed = await sandbox.Api.GetAsync($"/apps/{app}/releases", Ct);
            failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            failed.Headers.Contains("Request-Id").ShouldBeTrue();
            var body = JsonNode.Parse(await failed.Content.ReadAsStringAsync(Ct))!;
            body["id"]!.GetValue<string>().ShouldBe("unavailable");
            body["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }

        using var served = await sandbox.Api.GetAsync($"/apps/{app}/releases", Ct);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_429_fault_carries_Retry_After_and_the_rate_limit_error()
    {
        await sandbox.Faults.FailNextAsync("GET", "/account", 429, retryAfterSeconds: 30);

        using var response = await sandbox.Api.GetAsync("/account", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        response.Headers.GetValues("RateLimit-Remaining").ShouldBe(["0"]);
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>().ShouldBe("rate_limit");
    }

    [Fact]
    public async Task Only_the_fault_method_matches_and_a_custom_error_is_answered_as_given()
    {
        var app = SandboxFixture.NewAppName("method");
        await sandbox.CreateAppAsync(app);
        await sandbox.Faults.FailNextAsync("PATCH", "/apps/*/config-vars", 422, errorId: "invalid_params", message: "Nope.");

        (await sandbox.GetAsync($"/apps/{app}/config-vars")).AsObject().Count.ShouldBe(0);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/apps/{app}/config-vars") { Content = Json("""{"A":"1"}""") };
        using var failed = await sandbox.Api.SendAsync(patch, Ct);
        failed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await failed.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"id":"invalid_params","message":"Nope."}""");

        (await sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}/config-vars", new JsonObject { ["A"] = "1" }))["A"]!
            .GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task A_trailing_double_star_matches_a_prefix_and_a_star_exactly_one_segment()
    {
        var app = SandboxFixture.NewAppName("prefix");
        await sandbox.CreateAppAsync(app);
        await sandbox.Faults.FailNextAsync("*", "/apps/*", 500, times: 1);
        (await StatusOf($"/apps/{app}/config-vars")).ShouldBe(HttpStatusCode.OK);
        (await StatusOf($"/apps/{app}")).ShouldBe(HttpStatusCode.InternalServerError);

        await sandbox.Faults.FailNextAsync("GET", "/apps/**", 500, times: 2);
        (await StatusOf("/account")).ShouldBe(HttpStatusCode.OK);
        (await StatusOf("/apps")).ShouldBe(HttpStatusCode.InternalServerError);
        (await StatusOf($"/apps/{app}/releases/1")).ShouldBe(HttpStatusCode.InternalServerError);
        (await StatusOf($"/apps/{app}/releases/1")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_drop_fault_aborts_the_connection_of_the_next_matching_request_only()
    {
        await sandbox.Faults.DropNextAsync("GET", "/account");

        await Should.ThrowAsync<HttpRequestException>(() => sandbox.Api.GetAsync("/account", Ct));

        (await StatusOf("/account")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_delay_fault_holds_the_next_matching_request()
    {
        await sandbox.Faults.DelayNextAsync("GET", "/account", TimeSpan.FromMilliseconds(600));

        var watch = Stopwatch.StartNew();
        (await StatusOf("/account")).ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(590));
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Latency_on_every_request_stays_until_cleared_and_delays_parallel_requests_in_parallel()
    {
        await sandbox.Faults.DelayEveryAsync(TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StatusOf("/account")));
        var elapsed = watch.Elapsed;

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(490));
        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(2500), "six requests one after the other would take 3 s");
        var left = (await sandbox.Faults.ListAsync()).ShouldHaveSingleItem();
        left.Remaining.ShouldBeNull();

        (await sandbox.Faults.ClearAsync()).ShouldBe(1);
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Clear_removes_every_fault_so_requests_are_served_again()
    {
        await sandbox.Faults.FailNextAsync("GET", "/account", 503, times: 5);
        await sandbox.Faults.DropNextAsync("GET", "/apps");
        await sandbox.Faults.RejectNextPushAsync("some-app");

        (await sandbox.Faults.ClearAsync()).ShouldBe(3);

        (await StatusOf("/account")).ShouldBe(HttpStatusCode.OK);
        (await StatusOf("/apps")).ShouldBe(HttpStatusCode.OK);
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fault_can_be_removed_by_id_and_admin_requests_are_never_faulted()
    {
        var everything = await sandbox.Faults.FailNextAsync("*", "/**", 503, times: 1);
        var other = await sandbox.Faults.DropNextAsync("GET", "/account");

        (await sandbox.Faults.ListAsync()).Select(f => f.Id).ShouldBe([everything.Id, other.Id]);
        using (var removed = await sandbox.Api.DeleteAsync($"/__sandbox/faults/{everything.Id}", Ct))
        {
            removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var again = await sandbox.Api.DeleteAsync($"/__sandbox/faults/{everything.Id}", Ct))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await sandbox.Faults.ListAsync()).ShouldHaveSingleItem().Id.ShouldBe(other.Id);
    }

    [Fact]
    public async Task The_admin_endpoint_needs_the_token()
    {
        using var anonymous = new HttpClient { BaseAddress = sandbox.Host.ApiUrl };
        using var listed = await anonymous.GetAsync("/__sandbox/faults", Ct);
        listed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonNode.Parse(await listed.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>().ShouldBe("unauthorized");

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        using var added = await anonymous.PostAsync("/__sandbox/faults", Json("""{"action":"fail","path":"/account"}"""), Ct);
        added.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var cleared = await anonymous.DeleteAsync("/__sandbox/faults", Ct);
        cleared.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
        (await StatusOf("/account")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"action":"explode"}""", "action must be one of")]
    [InlineData("""{"action":"delay","path":"/account"}""", "delay_ms")]
    [InlineData("""{"action":"fail","path":"account"}""", "path must start with '/'")]
    [InlineData("""{"action":"fail","status":302}""", "status between 400 and 599")]
    [InlineData("""{"action":"fail","times":0}""", "times must be at least 1")]
    [InlineData("""{"action":"fail","delay":5}""", "delay")]
    public async Task An_unusable_fault_is_refused_with_invalid_params(string body, string expected)
    {
        using var response = await sandbox.Api.PostAsync("/__sandbox/faults", Json(body), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        error["id"]!.GetValue<string>().ShouldBe("invalid_params");
        error["message"]!.GetValue<string>().ShouldContain(expected);
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();
    }

    private async Task<HttpStatusCode> StatusOf(string path)
    {
        using var response = await sandbox.Api.GetAsync(path, Ct);
        return response.StatusCode;
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
