using System.Text.Json;

namespace HerokuTools.Sandbox.Tests.Api;

public class ReleasesApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Dictionary<string, string> Web = new() { ["web"] = "node server.js" };

    [Fact]
    public async Task Config_var_patch_merges_deletes_and_makes_releases()
    {
        var app = await sandbox.CreateApp();
        var set = await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { FOO = "1", BAR = "2" });
        set.GetProperty("FOO").GetString().ShouldBe("1");

        var merged = await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new Dictionary<string, string?> { ["FOO"] = null, ["BAZ"] = "3" });
        merged.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["BAR", "BAZ"]);

        var remove = await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new Dictionary<string, string?> { ["BAR"] = null });
        remove.EnumerateObject().Select(p => p.Name).ShouldBe(["BAZ"]);

        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/config-vars")).GetProperty("BAZ").GetString().ShouldBe("3");

        var releases = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases");
        releases.EnumerateArray().Select(r => (r.GetProperty("version").GetInt32(), r.GetProperty("description").GetString())).ShouldBe(
        [
            (1, "Initial release"),
            (2, "Set FOO, BAR config vars"),
            (3, "Set BAZ config vars and Remove FOO config vars"),
            (4, "Remove BAR config vars"),
        ]);
        releases.EnumerateArray().Count(r => r.GetProperty("current").GetBoolean()).ShouldBe(1);
        releases[3].GetProperty("current").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_no_op_patch_makes_no_release()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { FOO = "1" });
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new Dictionary<string, string?> { ["FOO"] = "1", ["GONE"] = null });
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases")).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Release_info_by_version_and_id_and_its_config_vars()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { A = "x" });
        var v2 = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/2");
        var id = v2.GetProperty("id").GetString();
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/{id}")).GetProperty("version").GetInt32().ShouldBe(2);
        v2.GetProperty("user").GetProperty("email").GetString().ShouldBe("sandbox@heroku-tools.local");
        v2.GetProperty("status").GetString().ShouldBe("succeeded");
        v2.GetProperty("output_stream_url").ValueKind.ShouldBe(JsonValueKind.Null);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/1/config-vars")).EnumerateObject().ShouldBeEmpty();
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/2/config-vars")).GetProperty("A").GetString().ShouldBe("x");

        var missing = await sandbox.Send(HttpMethod.Get, $"/apps/{app}/releases/99");
        missing.Status.ShouldBe(404);
        missing.Error.ShouldBe("not_found");
    }

    [Fact]
    public async Task Rollback_restores_the_config_and_the_slug()
    {
        var app = await sandbox.CreateApp();
        var deployed = sandbox.Server.State.CreateSlugRelease(app, "abc123", Web, "Deploy abc123");
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { FOO = "old" });
        sandbox.Server.State.CreateSlugRelease(app, "def456", Web, "Deploy def456");
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { FOO = "new", EXTRA = "1" });

        var rollback = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/releases", 201, new { release = "3" });
        rollback.GetProperty("description").GetString().ShouldBe("Rollback to v3");
        rollback.GetProperty("version").GetInt32().ShouldBe(6);
        rollback.GetProperty("current").GetBoolean().ShouldBeTrue();
        rollback.GetProperty("slug").GetProperty("id").GetString().ShouldBe(deployed.SlugId);

        var config = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/config-vars");
        config.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe([("FOO", "old")]);
    }

    [Fact]
    public async Task A_slug_release_has_a_slug_with_its_commit_and_process_types()
    {
        var app = await sandbox.CreateApp();
        var release = sandbox.Server.State.CreateSlugRelease(app, "0123456789abcdef", Web, "Deploy 0123456");
        var releaseView = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/{release.Version}");
        releaseView.GetProperty("slug").GetProperty("id").GetString().ShouldBe(release.SlugId);

        var slug = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/slugs/{release.SlugId}");
        slug.GetProperty("commit").GetString().ShouldBe("0123456789abcdef");
        slug.GetProperty("process_types").GetProperty("web").GetString().ShouldBe("node server.js");
        (await sandbox.Send(HttpMethod.Get, $"/apps/{app}/slugs/{Guid.NewGuid()}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_pending_release_is_not_current_until_it_succeeds()
    {
        var app = await sandbox.CreateApp();
        var pending = sandbox.Server.State.CreateSlugRelease(app, "abc", Web, "Deploy abc", status: "pending");
        var view = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/{pending.Version}");
        view.GetProperty("status").GetString().ShouldBe("pending");
        view.GetProperty("current").GetBoolean().ShouldBeFalse();

        sandbox.Server.State.SetReleaseStatus(app, pending.Id, succeeded: false);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/{pending.Version}")).GetProperty("status").GetString().ShouldBe("failed");

        var second = sandbox.Server.State.CreateSlugRelease(app, "def", Web, "Deploy def", status: "pending");
        sandbox.Server.State.SetReleaseStatus(app, second.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), succeeded: true);
        var current = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/releases/{second.Version}");
        current.GetProperty("current").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Range_pages_releases_like_heroku()
    {
        var app = await sandbox.CreateApp();
        for (var i = 0; i < 19; i++)
        {
            await sandbox.Send(HttpMethod.Patch, $"/apps/{app}/config-vars", new Dictionary<string, string> { ["N"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        // 20 releases: v1..v20.
        var path = $"/apps/{app}/releases";
        var all = await sandbox.Send(HttpMethod.Get, path);
        all.Status.ShouldBe(200);
        all.Body.GetArrayLength().ShouldBe(20);
        all.Body[0].GetProperty("version").GetInt32().ShouldBe(1);
        all.Headers.ShouldNotContainKey("Next-Range");

        var first = await sandbox.Send(HttpMethod.Get, path, range: "version ..; max=15, order=desc");
        first.Status.ShouldBe(206);
        Versions(first.Body).ShouldBe(Enumerable.Range(6, 15).Reverse());
        first.Headers["Next-Range"].ShouldBe("version ]6..; max=15, order=desc");
        SchemaContract.AssertMatches("GET", path, first.Body);

        var rest = await sandbox.Send(HttpMethod.Get, path, range: first.Headers["Next-Range"]);
        rest.Status.ShouldBe(200);
        Versions(rest.Body).ShouldBe([5, 4, 3, 2, 1]);

        var latest = await sandbox.Send(HttpMethod.Get, path, range: "version ..; order=desc,max=1");
        latest.Status.ShouldBe(206);
        Versions(latest.Body).ShouldBe([20]);

        var ascending = await sandbox.Send(HttpMethod.Get, path, range: "version 5..7");
        Versions(ascending.Body).ShouldBe([5, 6, 7]);

        var byId = await sandbox.Send(HttpMethod.Get, path, range: "id ..; max=10");
        byId.Status.ShouldBe(206);
        var ids = byId.Body.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        ids.ShouldBe(ids.Order(StringComparer.Ordinal));
        byId.Headers["Next-Range"].ShouldBe($"id ]{ids[^1]}..; max=10");
        var nextById = await sandbox.Send(HttpMethod.Get, path, range: byId.Headers["Next-Range"]);
        nextById.Body.GetArrayLength().ShouldBe(10);
        nextById.Body.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldAllBe(id => !ids.Contains(id!));
    }

    private static List<int> Versions(JsonElement releases) =>
        releases.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()).ToList();
}
