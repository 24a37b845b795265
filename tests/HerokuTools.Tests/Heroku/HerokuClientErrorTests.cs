using System.Net;
using HerokuTools.Common;
using HerokuTools.Heroku;
using Microsoft.AspNetCore.Http;
using static HerokuTools.Tests.Heroku.TestApiServer;

namespace HerokuTools.Tests.Heroku;

public sealed class HerokuClientErrorTests(TestApiServer server) : IClassFixture<TestApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_heroku_error_body_becomes_one_line_with_id_status_and_request()
    {
        server.On("GET", "/apps/foo", Respond(404, """{"id":"not_found","message":"Couldn't find that app.","url":"https://devcenter.heroku.com"}"""));
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAppAsync("foo", Token));

        error.Message.ShouldBe("Heroku API: Couldn't find that app. (not_found, HTTP 404, GET /apps/foo)");
        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Id.ShouldBe("not_found");
        error.ExitCode.ShouldBe(ExitCodes.Failure);
    }

    [Fact]
    public async Task A_refused_token_says_what_to_check()
    {
        server.On("GET", "/account", Respond(401, """{"id":"unauthorized","message":"Invalid credentials provided."}"""));
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAccountAsync(Token));

        error.Message.ShouldBe("the token was refused by 127.0.0.1 (HTTP 401): check HEROKU_API_KEY or ~/.netrc");
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldNotContain(TestClient.Token);
    }

    [Fact]
    public async Task A_non_json_error_body_still_gives_one_clean_line()
    {
        server.On("DELETE", "/apps/html", context =>
        {
            context.Response.StatusCode = 422;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html>\n<body>\nSomething\nbroke</body>\n</html>\n");
        });
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.DeleteAppAsync("html", Token));

        error.Message.ShouldBe("Heroku API: Unprocessable Entity (HTTP 422, DELETE /apps/html)");
        error.Id.ShouldBeNull();
    }

    [Fact]
    public async Task A_multi_line_message_is_folded_into_one_line()
    {
        server.On("PATCH", "/apps/multi", Respond(422, """{"id":"invalid_params","message":"Name is too long\nand has bad characters"}"""));
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.SetMaintenanceAsync("multi", true, Token));

        error.Message.ShouldBe("Heroku API: Name is too long and has bad characters (invalid_params, HTTP 422, PATCH /apps/multi)");
    }

    [Fact]
    public async Task A_success_that_is_not_json_is_reported_not_thrown_as_a_bug()
    {
        server.On("GET", "/apps/garbled", context => context.Response.WriteAsync("this is not json"));
        using var test = new TestClient(server.Url);

        var error = await Should.ThrowAsync<HerokuApiException>(() => test.Client.GetAppAsync("garbled", Token));

        error.Message.ShouldStartWith("Heroku API: the answer to GET /apps/garbled was not the JSON expected");
    }

    [Fact]
    public async Task An_app_outside_any_pipeline_has_no_coupling()
    {
        server.On("GET", "/apps/loner/pipeline-couplings", Respond(404, """{"id":"not_found","message":"Couldn't find that pipeline coupling."}"""));
        server.On("GET", "/apps/member/pipeline-couplings", Respond(200,
            """{"id":"c1","stage":"staging","app":{"id":"a2"},"pipeline":{"id":"p1","name":"shop"},"created_at":"2025-01-02T03:04:05Z"}"""));
        using var test = new TestClient(server.Url);

        (await test.Client.GetPipelineCouplingAsync("loner", Token)).ShouldBeNull();
        var coupling = await test.Client.GetPipelineCouplingAsync("member", Token);

        coupling.ShouldNotBeNull();
        coupling.Stage.ShouldBe("staging");
        coupling.Pipeline!.Name.ShouldBe("shop");
        coupling.CreatedAt.ShouldBe(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }

    [Fact]
    public async Task Find_app_returns_null_for_a_missing_app()
    {
        server.On("GET", "/apps/ghost", Respond(404, """{"id":"not_found","message":"Couldn't find that app."}"""));
        using var test = new TestClient(server.Url);

        (await test.Client.FindAppAsync("ghost", Token)).ShouldBeNull();
    }
}
