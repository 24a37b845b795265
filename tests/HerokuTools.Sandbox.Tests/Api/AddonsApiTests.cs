using System.Net.Http.Json;
using System.Text.Json;

namespace HerokuTools.Sandbox.Tests.Api;

public class AddonsApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Creating_postgres_attaches_database_and_sets_database_url()
    {
        var app = await sandbox.CreateApp();
        var addon = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql" });
        var name = addon.GetProperty("name").GetString()!;
        name.ShouldMatch(@"^postgresql-[a-z]+-\d{5}$");
        addon.GetProperty("plan").GetProperty("name").GetString().ShouldBe("heroku-postgresql:essential-0");
        addon.GetProperty("state").GetString().ShouldBe("provisioned");
        addon.GetProperty("config_vars").EnumerateArray().Select(v => v.GetString()).ShouldBe(["DATABASE_URL"]);

        var config = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/config-vars");
        config.GetProperty("DATABASE_URL").GetString().ShouldBe(sandbox.Postgres.Databases[name]);

        var release = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/2");
        release.GetProperty("description").GetString().ShouldBe($"Attach DATABASE (@ref:{name})");
        release.GetProperty("addon_plan_names").EnumerateArray().Select(p => p.GetString()).ShouldBe(["heroku-postgresql:essential-0"]);

        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/addons")).GetArrayLength().ShouldBe(1);
        (await sandbox.Contract(HttpMethod.Get, $"/addons/{name}")).GetProperty("id").GetString().ShouldBe(addon.GetProperty("id").GetString());
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/addons/{name}")).GetProperty("name").GetString().ShouldBe(name);

        var attachments = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/addon-attachments");
        attachments.GetArrayLength().ShouldBe(1);
        attachments[0].GetProperty("name").GetString().ShouldBe("DATABASE");
        attachments[0].GetProperty("addon").GetProperty("name").GetString().ShouldBe(name);
        var attachmentId = attachments[0].GetProperty("id").GetString();
        (await sandbox.Contract(HttpMethod.Get, $"/addon-attachments/{attachmentId}")).GetProperty("app").GetProperty("name").GetString().ShouldBe(app);
    }

    [Fact]
    public async Task All_addons_and_attachments_list_and_resolve_as_the_official_cli_asks()
    {
        var app = await sandbox.CreateApp();
        var other = await sandbox.CreateApp();
        var addon = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = new { name = "heroku-postgresql:essential-0" }, attachment = new { name = "DATABASE" } });
        var name = addon.GetProperty("name").GetString()!;
        await sandbox.Contract(HttpMethod.Post, $"/apps/{other}/addons", 201, new { plan = "heroku-postgresql" });

        (await sandbox.Contract(HttpMethod.Get, "/addons")).EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldContain(name);
        var attachments = await sandbox.Contract(HttpMethod.Get, "/addon-attachments");
        attachments.EnumerateArray().Where(a => a.GetProperty("app").GetProperty("name").GetString() == app)
            .Select(a => a.GetProperty("name").GetString()).ShouldBe(["DATABASE"]);

        // What users type: the add-on name, an attachment name on the app (any case, with or without _URL),
        // app::ATTACHMENT, or the service on the app.
        foreach (var (identity, onApp) in new[] { (name, (string?)null), ("DATABASE", app), ("database_url", app), ($"{app}::DATABASE", null), ("heroku-postgresql", app) })
        {
            var resolved = await sandbox.Contract(HttpMethod.Post, "/actions/addons/resolve", body: new { addon = identity, app = onApp });
            resolved.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe([name], identity);
        }

        var byAttachment = await sandbox.Contract(HttpMethod.Post, "/actions/addon-attachments/resolve", body: new { addon_attachment = "DATABASE", app, addon_service = "heroku-postgresql" });
        byAttachment.EnumerateArray().Select(a => a.GetProperty("addon").GetProperty("name").GetString()).ShouldBe([name]);

        var missing = await sandbox.Send(HttpMethod.Post, "/actions/addons/resolve", new { addon = "DATABASE", app = (string?)null });
        (missing.Status, missing.Error).ShouldBe((404, "not_found"));
        (await sandbox.Send(HttpMethod.Post, "/actions/addons/resolve", new { addon = name, addon_service = "heroku-redis" })).Status.ShouldBe(404);
        (await sandbox.Send(HttpMethod.Post, "/actions/addon-attachments/resolve", new { addon_attachment = "NOPE", app })).Status.ShouldBe(404);
        (await sandbox.Send(HttpMethod.Post, "/actions/addons/resolve", new { app })).Status.ShouldBe(422);
    }

    [Fact]
    public async Task Attachments_carry_the_addon_s_plan_only_when_asked_for_as_pg_commands_ask()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/actions/addon-attachments/resolve")
        {
            Content = JsonContent.Create(new { addon_attachment = "DATABASE", app }),
        };
        request.Headers.Add("Accept-Inclusion", "addon:plan,config_vars");

        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var attachment = body.RootElement[0];
        attachment.GetProperty("addon").GetProperty("plan").GetProperty("name").GetString().ShouldBe("heroku-postgresql:essential-0");
        attachment.GetProperty("config_vars").EnumerateArray().Select(v => v.GetString()).ShouldBe(["DATABASE_URL"]);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/addon-attachments"))[0].GetProperty("addon").TryGetProperty("plan", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_database_gets_a_color_attachment_and_a_named_plan()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql" });
        var second = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql:standard-0" });
        second.GetProperty("plan").GetProperty("name").GetString().ShouldBe("heroku-postgresql:standard-0");
        second.GetProperty("config_vars")[0].GetString().ShouldBe("HEROKU_POSTGRESQL_AMBER_URL");
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/config-vars")).TryGetProperty("HEROKU_POSTGRESQL_AMBER_URL", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Deleting_an_addon_drops_its_database_and_config_var()
    {
        var app = await sandbox.CreateApp();
        var addon = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql" });
        var name = addon.GetProperty("name").GetString()!;

        var deleted = await sandbox.Contract(HttpMethod.Delete, $"/apps/{app}/addons/{name}");
        deleted.GetProperty("state").GetString().ShouldBe("deprovisioned");
        sandbox.Postgres.Databases.ShouldNotContainKey(name);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/config-vars")).TryGetProperty("DATABASE_URL", out _).ShouldBeFalse();
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/addon-attachments")).GetArrayLength().ShouldBe(0);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/3")).GetProperty("description").GetString()
            .ShouldBe($"Detach DATABASE (@ref:{name})");
        (await sandbox.Send(HttpMethod.Get, $"/addons/{name}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Deleting_the_app_drops_its_databases()
    {
        var app = await sandbox.CreateApp();
        var addon = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/addons", 201, new { plan = "heroku-postgresql" });
        await sandbox.Contract(HttpMethod.Delete, $"/apps/{app}");
        sandbox.Postgres.Databases.ShouldNotContainKey(addon.GetProperty("name").GetString()!);
    }

    [Fact]
    public async Task An_unknown_service_is_404()
    {
        var app = await sandbox.CreateApp();
        var response = await sandbox.Send(HttpMethod.Post, $"/apps/{app}/addons", new { plan = "heroku-redis" });
        response.Status.ShouldBe(404);
        response.Error.ShouldBe("not_found");
        response.Body.GetProperty("message").GetString()!.ShouldContain("heroku-redis");
        (await sandbox.Send(HttpMethod.Get, $"/apps/{app}/addons")).Body.ValueKind.ShouldBe(JsonValueKind.Array);
    }
}
