using System.Text.Json;
using HerokuTools.Cli;
using HerokuTools.Heroku;
using HerokuTools.Heroku.Models;
using static HerokuTools.Tests.Heroku.TestApiServer;

namespace HerokuTools.Tests.Heroku;

public sealed class HerokuClientRequestTests(TestApiServer server) : IClassFixture<TestApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_carries_the_v3_accept_header_the_bearer_token_and_our_user_agent()
    {
        server.On("GET", "/account", Respond(200, """{"id":"u1","email":"dev@example.com","name":null}"""));
        using var test = new TestClient(server.Url);

        var account = await test.Client.GetAccountAsync(Token);

        account.Email.ShouldBe("dev@example.com");
        account.Name.ShouldBeNull();
        var seen = server.RequestsTo("/account")[^1];
        seen.Accept.ShouldBe("application/vnd.heroku+json; version=3");
        seen.Authorization.ShouldBe("Bearer " + TestClient.Token);
        seen.UserAgent.ShouldBe("heroku-tools/" + typeof(HerokuClient).Assembly.GetName().Version!.ToString(3));
    }

    [Fact]
    public async Task Config_var_patch_sends_an_explicit_null_to_unset_a_key()
    {
        server.On("PATCH", "/apps/cfg/config-vars", Respond(200, """{"FOO":"bar"}"""));
        using var test = new TestClient(server.Url);

        var after = await test.Client.UpdateConfigVarsAsync("cfg", new Dictionary<string, string?> { ["FOO"] = "bar", ["GONE"] = null }, Token);

        after.ShouldBe(new Dictionary<string, string> { ["FOO"] = "bar" });
        using var body = JsonDocument.Parse(server.RequestsTo("/apps/cfg/config-vars").Single().Body);
        body.RootElement.GetProperty("FOO").GetString().ShouldBe("bar");
        body.RootElement.GetProperty("GONE").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_verbose_log_names_requests_but_never_the_token_or_a_config_value()
    {
        const string secret = "postgres://user:hunter2@db.internal/prod";
        server.On("GET", "/apps/quiet/config-vars", Respond(200, $$"""{"DATABASE_URL":"{{secret}}"}"""));
        server.OnSequence("PATCH", "/apps/quiet/config-vars", Respond(503, $$"""{"id":"unavailable","message":"down"}"""), Respond(200, $$"""{"NEW_SECRET":"s3cr3t-value"}"""));
        using var test = new TestClient(server.Url);

        (await test.Client.GetConfigVarsAsync("quiet", Token))["DATABASE_URL"].ShouldBe(secret);
        await test.Client.UpdateConfigVarsAsync("quiet", new Dictionary<string, string?> { ["NEW_SECRET"] = "s3cr3t-value" }, Token);

        test.Log.ShouldContain(line => line.StartsWith("GET /apps/quiet/config-vars -> 200 (", StringComparison.Ordinal) && line.EndsWith(" ms)", StringComparison.Ordinal));
        test.Log.ShouldContain(line => line.StartsWith("PATCH /apps/quiet/config-vars -> 503", StringComparison.Ordinal));
        test.Log.ShouldContain(line => line.Contains("retrying in 100 ms", StringComparison.Ordinal));
        var all = string.Join('\n', test.Log);
        all.ShouldNotContain(TestClient.Token);
        all.ShouldNotContain("hunter2");
        all.ShouldNotContain("s3cr3t-value");
    }

    [Fact]
    public async Task Dyno_create_sends_snake_case_fields_and_reads_the_attach_url()
    {
        server.On("POST", "/apps/runner/dynos", Respond(201,
            """{"id":"d9","name":"run.4821","state":"starting","type":"run","size":"basic","command":"bash","attach_url":"rendezvous://127.0.0.1:5001/abc","release":{"id":"r3","version":3},"app":{"id":"a1","name":"runner"}}"""));
        using var test = new TestClient(server.Url);

        var dyno = await test.Client.CreateDynoAsync("runner", new DynoCreateRequest
        {
            Command = "bash",
            Attach = true,
            Env = new Dictionary<string, string> { ["COLUMNS"] = "80" },
            Size = "basic",
            Type = "run",
            TimeToLive = 1800,
        }, Token);

        dyno.AttachUrl.ShouldBe("rendezvous://127.0.0.1:5001/abc");
        dyno.Name.ShouldBe("run.4821");
        dyno.State.ShouldBe("starting");
        using var body = JsonDocument.Parse(server.RequestsTo("/apps/runner/dynos").Single().Body);
        body.RootElement.GetProperty("command").GetString().ShouldBe("bash");
        body.RootElement.GetProperty("attach").GetBoolean().ShouldBeTrue();
        body.RootElement.GetProperty("time_to_live").GetInt32().ShouldBe(1800);
        body.RootElement.GetProperty("env").GetProperty("COLUMNS").GetString().ShouldBe("80");
        body.RootElement.TryGetProperty("force_no_tty", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Rollback_posts_the_release_id()
    {
        server.On("POST", "/apps/back/releases", Respond(201, """{"id":"r12","version":12,"status":"succeeded","description":"Rollback to v10","current":true,"slug":{"id":"s1"},"user":{"id":"u1","email":"dev@example.com"}}"""));
        using var test = new TestClient(server.Url);

        var release = await test.Client.RollbackAsync("back", "r10", Token);

        release.Version.ShouldBe(12);
        release.Slug!.Id.ShouldBe("s1");
        server.RequestsTo("/apps/back/releases").Single().Body.ShouldBe("""{"release":"r10"}""");
    }

    [Fact]
    public async Task Release_info_by_version_and_its_slug()
    {
        server.On("GET", "/apps/rel/releases/7", Respond(200, """{"id":"r7","version":7,"status":"succeeded","current":false,"slug":{"id":"s7"},"addon_plan_names":["heroku-postgresql:essential-0"]}"""));
        server.On("GET", "/apps/rel/slugs/s7", Respond(200, """{"id":"s7","commit":"60883d9e8947a57e04dc9124f25df004866a2051","process_types":{"web":"npm start","release":"npm run migrate"}}"""));
        using var test = new TestClient(server.Url);

        var release = await test.Client.GetReleaseAsync("rel", 7, Token);
        var slug = await test.Client.GetSlugAsync("rel", release.Slug!.Id!, Token);

        release.AddonPlanNames.ShouldBe(["heroku-postgresql:essential-0"]);
        slug.Commit.ShouldBe("60883d9e8947a57e04dc9124f25df004866a2051");
        slug.ProcessTypes!["release"].ShouldBe("npm run migrate");
    }

    [Fact]
    public async Task Addon_attachments_give_name_addon_and_plan()
    {
        server.On("GET", "/apps/db/addon-attachments", Respond(200,
            """[{"id":"at1","name":"DATABASE","addon":{"id":"ad1","name":"postgresql-curved-12345","app":{"id":"a1","name":"db"},"plan":{"id":"p1","name":"heroku-postgresql:essential-0"}},"app":{"id":"a1","name":"db"}}]"""));
        using var test = new TestClient(server.Url);

        var attachment = (await test.Client.ListAddonAttachmentsAsync("db", Token)).Single();

        attachment.Name.ShouldBe("DATABASE");
        attachment.UrlConfigVar.ShouldBe("DATABASE_URL");
        attachment.Addon!.Name.ShouldBe("postgresql-curved-12345");
        attachment.Addon.Plan!.Name.ShouldBe("heroku-postgresql:essential-0");
    }

    [Fact]
    public async Task Formation_batch_update_sends_type_quantity_and_dyno_size()
    {
        server.On("PATCH", "/apps/scale/formation", Respond(200, """[{"id":"f1","type":"web","quantity":3,"size":"standard-2X"}]"""));
        using var test = new TestClient(server.Url);

        var result = await test.Client.UpdateFormationAsync("scale", [new FormationUpdate("web", 3, "standard-2X"), new FormationUpdate("worker", 0)], Token);

        result.Single().Quantity.ShouldBe(3);
        server.RequestsTo("/apps/scale/formation").Single().Body
            .ShouldBe("""{"updates":[{"type":"web","quantity":3,"dyno_size":{"name":"standard-2X"}},{"type":"worker","quantity":0}]}""");
    }

    [Fact]
    public async Task Promotion_create_status_and_targets()
    {
        server.On("POST", "/pipeline-promotions", Respond(201, """{"id":"pr1","status":"pending","pipeline":{"id":"p1"},"source":{"app":{"id":"a-uat"},"release":{"id":"r5"}}}"""));
        server.On("GET", "/pipeline-promotions/pr1", Respond(200, """{"id":"pr1","status":"completed"}"""));
        server.On("GET", "/pipeline-promotions/pr1/promotion-targets", Respond(200,
            """[{"id":"t1","status":"failed","error_message":"release phase failed","app":{"id":"a-live"},"release":null}]"""));
        using var test = new TestClient(server.Url);

        var created = await test.Client.CreatePromotionAsync("p1", "a-uat", ["a-live"], cancellation: Token);
        var done = await test.Client.GetPromotionAsync(created.Id!, Token);
        var target = (await test.Client.ListPromotionTargetsAsync("pr1", Token)).Single();

        created.Source!.Release!.Id.ShouldBe("r5");
        server.RequestsTo("/pipeline-promotions").Single().Body
            .ShouldBe("""{"pipeline":{"id":"p1"},"source":{"app":{"id":"a-uat"}},"targets":[{"app":{"id":"a-live"}}]}""");
        done.Status.ShouldBe("completed");
        target.Status.ShouldBe("failed");
        target.ErrorMessage.ShouldBe("release phase failed");
        target.Release.ShouldBeNull();
    }

    [Fact]
    public async Task Create_from_the_cli_host_uses_heroku_api_url_and_the_api_key()
    {
        server.On("GET", "/account", Respond(200, """{"id":"u1","email":"host@example.com"}"""));
        var host = new CliHost
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            Environment = new Dictionary<string, string>
            {
                ["HEROKU_API_URL"] = server.Url.ToString(),
                ["HEROKU_API_KEY"] = "host-token",
                ["HOME"] = Path.Combine(Path.GetTempPath(), "no-such-home-" + Guid.NewGuid().ToString("N")),
            },
            WorkingDirectory = Path.GetTempPath(),
        };
        var log = new List<string>();

        using var client = HerokuClient.Create(host, log.Add);
        var account = await client.GetAccountAsync(Token);

        account.Email.ShouldBe("host@example.com");
        server.RequestsTo("/account")[^1].Authorization.ShouldBe("Bearer host-token");
        log.ShouldContain(line => line.StartsWith("GET /account -> 200", StringComparison.Ordinal));
    }
}
