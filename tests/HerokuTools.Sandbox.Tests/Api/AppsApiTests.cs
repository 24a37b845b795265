using System.Net.Http.Headers;
using System.Text;

namespace HerokuTools.Sandbox.Tests.Api;

public class AppsApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Account_matches_the_schema()
    {
        var account = await sandbox.Contract(HttpMethod.Get, "/account");
        account.GetProperty("email").GetString().ShouldBe("sandbox@heroku-tools.local");
    }

    [Fact]
    public async Task The_current_user_s_apps_and_account_as_heroku_apps_asks_for_them()
    {
        var name = await sandbox.CreateApp();
        var mine = await sandbox.Contract(HttpMethod.Get, "/users/~/apps");
        mine.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldContain(name);
        (await sandbox.Contract(HttpMethod.Get, "/users/sandbox@heroku-tools.local/apps")).GetArrayLength().ShouldBe(mine.GetArrayLength());
        (await sandbox.Contract(HttpMethod.Get, "/users/~")).GetProperty("email").GetString().ShouldBe("sandbox@heroku-tools.local");
        (await sandbox.Send(HttpMethod.Get, "/users/someone@example.com/apps")).Status.ShouldBe(404);
        (await sandbox.Send(HttpMethod.Get, "/users/someone@example.com")).Status.ShouldBe(404);
        var team = await sandbox.Send(HttpMethod.Get, "/teams/acme/apps");
        (team.Status, team.Error).ShouldBe((404, "not_found"));
    }

    [Fact]
    public async Task Create_info_list_update_delete_an_app()
    {
        var name = await sandbox.CreateApp("apps-crud-1");
        var byName = await sandbox.Contract(HttpMethod.Get, $"/apps/{name}");
        var id = byName.GetProperty("id").GetString()!;
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{id}")).GetProperty("name").GetString().ShouldBe(name);
        byName.GetProperty("owner").GetProperty("email").GetString().ShouldBe("sandbox@heroku-tools.local");
        byName.GetProperty("stack").GetProperty("name").GetString().ShouldBe("heroku-24");

        var list = await sandbox.Contract(HttpMethod.Get, "/apps");
        list.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldContain(name);

        var updated = await sandbox.Contract(HttpMethod.Patch, $"/apps/{name}", body: new { maintenance = true, name = "apps-crud-2" });
        updated.GetProperty("maintenance").GetBoolean().ShouldBeTrue();
        updated.GetProperty("name").GetString().ShouldBe("apps-crud-2");
        updated.GetProperty("id").GetString().ShouldBe(id);

        await sandbox.Contract(HttpMethod.Delete, "/apps/apps-crud-2");
        (await sandbox.Send(HttpMethod.Get, $"/apps/{id}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_new_app_has_an_initial_release()
    {
        var name = await sandbox.CreateApp();
        name.ShouldMatch("^sandbox-[a-z]{4}-[0-9]{5}$");
        var releases = await sandbox.Contract(HttpMethod.Get, $"/apps/{name}/releases");
        releases.GetArrayLength().ShouldBe(1);
        releases[0].GetProperty("description").GetString().ShouldBe("Initial release");
        releases[0].GetProperty("current").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Names_with_underscores_are_accepted()
    {
        // Heroku's schema pattern has no underscore, so this app would fail the contract checks of list tests: remove it after.
        var response = await sandbox.Send(HttpMethod.Post, "/apps", new { name = "my_app_2" });
        try
        {
            response.Status.ShouldBe(201);
            response.Body.GetProperty("name").GetString().ShouldBe("my_app_2");
            (await sandbox.Send(HttpMethod.Get, "/apps/my_app_2")).Status.ShouldBe(200);
        }
        finally
        {
            await sandbox.Send(HttpMethod.Delete, "/apps/my_app_2");
        }
    }

    [Fact]
    public async Task A_taken_name_is_422_invalid_params()
    {
        await sandbox.CreateApp("taken-name");
        var response = await sandbox.Send(HttpMethod.Post, "/apps", new { name = "taken-name" });
        response.Status.ShouldBe(422);
        response.Error.ShouldBe("invalid_params");
        response.Body.GetProperty("message").GetString().ShouldBe("Name is already taken");
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("1starts-with-digit")]
    [InlineData("ends-with-dash-")]
    [InlineData("x")]
    public async Task A_bad_name_is_422(string name)
    {
        var response = await sandbox.Send(HttpMethod.Post, "/apps", new { name });
        response.Status.ShouldBe(422);
        response.Error.ShouldBe("invalid_params");
    }

    [Fact]
    public async Task Unknown_app_is_404_with_herokus_body()
    {
        var response = await sandbox.Send(HttpMethod.Get, "/apps/no-such-app");
        response.Status.ShouldBe(404);
        response.Error.ShouldBe("not_found");
        response.Body.GetProperty("message").GetString().ShouldBe("Couldn't find that app.");
    }

    [Theory]
    [InlineData("GET", "/no/such/route")]
    [InlineData("PUT", "/apps")]
    public async Task Unknown_routes_are_404_not_found(string method, string path)
    {
        var response = await sandbox.Send(new HttpMethod(method), path);
        response.Status.ShouldBe(404);
        response.Error.ShouldBe("not_found");
    }

    [Fact]
    public async Task Bad_json_is_400()
    {
        var response = await sandbox.Send(HttpMethod.Post, "/apps", "{not json");
        response.Status.ShouldBe(400);
        response.Error.ShouldBe("bad_request");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic d3Jvbmc6d3Jvbmc=")]
    public async Task Without_the_token_it_is_401(string? authorization)
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.ApiUrl };
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await SandboxFixture.Send(http, HttpMethod.Get, "/account");
        response.Status.ShouldBe(401);
        response.Error.ShouldBe("unauthorized");
        response.Body.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Basic_auth_with_the_token_as_password_is_accepted()
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + sandbox.Server.Token)));
        (await SandboxFixture.Send(http, HttpMethod.Get, "/account")).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("/account", 200)]
    [InlineData("/apps/nope", 404)]
    [InlineData("/nowhere", 404)]
    public async Task Every_response_has_herokus_headers(string path, int status)
    {
        var response = await sandbox.Send(HttpMethod.Get, path);
        response.Status.ShouldBe(status);
        Guid.TryParse(response.Headers["Request-Id"], out _).ShouldBeTrue();
        int.Parse(response.Headers["RateLimit-Remaining"], System.Globalization.CultureInfo.InvariantCulture).ShouldBePositive();
        response.Headers["Content-Type"].ShouldStartWith("application/json");
    }

    [Fact]
    public async Task Unauthorized_responses_have_the_headers_too()
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.ApiUrl };
        var response = await SandboxFixture.Send(http, HttpMethod.Get, "/apps");
        response.Headers.ShouldContainKey("Request-Id");
        response.Headers.ShouldContainKey("RateLimit-Remaining");
        response.Headers["Content-Type"].ShouldStartWith("application/json");
    }

    [Fact]
    public async Task Collaborators_list_the_owner()
    {
        var name = await sandbox.CreateApp();
        var collaborators = await sandbox.Contract(HttpMethod.Get, $"/apps/{name}/collaborators");
        collaborators[0].GetProperty("role").GetString().ShouldBe("owner");
    }

    [Fact]
    public void The_server_listens_on_loopback_only()
    {
        sandbox.Server.ApiUrl.Host.ShouldBe("127.0.0.1");
        sandbox.Server.ApiUrl.Port.ShouldBePositive();
        sandbox.Server.Token.ShouldMatch("^[0-9a-f]{64}$");
    }
}
