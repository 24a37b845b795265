using System.Text;
using System.Text.Json.Nodes;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Hosting;

/// <summary>The composed sandbox end to end: API, git push builds, release phase, dynos in a checkout, Postgres.</summary>
public sealed class SandboxHostTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_to_master_builds_a_release_that_records_the_commit_and_streams_build_output()
    {
        var app = SandboxFixture.NewAppName("push");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo();
        repo.Write("Procfile", "web: python -m http.server $PORT\n");
        var sha = repo.Commit("First");

        var push = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");

        push.ExitCode.ShouldBe(0, push.Error);
        push.Error.ShouldContain("remote: -----> Building on the Heroku-24 stack");
        push.Error.ShouldContain("Procfile declares types -> web");
        push.Error.ShouldMatch(@"remote:\s+Released v\d+");
        var releases = (await sandbox.GetAsync($"/apps/{app}/releases")).AsArray();
        var release = releases[^1]!;
        release["description"]!.GetValue<string>().ShouldBe($"Deploy {sha[..7]}");
        release["status"]!.GetValue<string>().ShouldBe("succeeded");
        var slug = await sandbox.GetAsync($"/apps/{app}/slugs/{release["slug"]!["id"]!.GetValue<string>()}");
        slug["commit"]!.GetValue<string>().ShouldBe(sha);
        slug["process_types"]!["web"]!.GetValue<string>().ShouldBe("python -m http.server $PORT");
    }

    [Fact]
    public async Task A_failing_release_phase_fails_the_push_and_the_app_keeps_its_previous_release()
    {
        var app = SandboxFixture.NewAppName("relphase");
        await sandbox.CreateAppAsync(app);
        await sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}/config-vars", new JsonObject { ["GREETING"] = "hello" });
        using var repo = new GitRepo();
        repo.Write("Procfile", "web: true\nrelease: echo \"release sees $GREETING in $(ls)\"\n");
        var good = repo.Commit("Good release phase");
        var ok = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");
        ok.ExitCode.ShouldBe(0, ok.Error);
        ok.Error.ShouldContain("Running release command...");
        ok.Error.ShouldContain("remote: release sees hello in Procfile");

        repo.Write("Procfile", "web: true\nrelease: echo migrating; exit 3\n");
        repo.Commit("Broken release phase");
        var bad = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");

        bad.ExitCode.ShouldNotBe(0);
        bad.Error.ShouldContain("remote: migrating");
        bad.Error.ShouldContain("Release command failed (exit status 3)");
        var releases = (await sandbox.GetAsync($"/apps/{app}/releases")).AsArray();
        releases[^1]!["status"]!.GetValue<string>().ShouldBe("failed");
        var current = releases.Single(r => r!["current"]!.GetValue<bool>())!;
        var slug = await sandbox.GetAsync($"/apps/{app}/slugs/{current["slug"]!["id"]!.GetValue<string>()}");
        slug["commit"]!.GetValue<string>().ShouldBe(good);
    }

    [Fact]
    public async Task A_one_off_dyno_runs_in_a_checkout_of_the_release_with_the_config_vars_and_passes_its_exit_status()
    {
        var app = SandboxFixture.NewAppName("dyno");
        await sandbox.CreateAppAsync(app);
        await sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}/config-vars", new JsonObject { ["SECRET_WORD"] = "swordfish" });
        using var repo = new GitRepo();
        repo.Write("manage.sh", "echo \"managing with $SECRET_WORD on $DYNO\"\n");
        repo.Commit("Add manage.sh");
        repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master").ExitCode.ShouldBe(0);

        var command = ExitStatusMarker.AppendTo("bash manage.sh; sh -c 'exit 7'");
        var dyno = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/dynos", new JsonObject { ["command"] = command, ["attach"] = true });
        var output = new MemoryStream();
        var client = RendezvousClient.TrustingPemFile(sandbox.Host.CertificatePath);
        var status = await client.AttachAsync(dyno["attach_url"]!.GetValue<string>(), output, null, Ct);

        status.ShouldBe(7);
        Encoding.UTF8.GetString(output.ToArray()).ShouldContain("managing with swordfish on run.");
    }

    [Fact]
    public async Task The_postgres_addon_sets_a_DATABASE_URL_that_dynos_can_use_with_psql()
    {
        var app = SandboxFixture.NewAppName("pg");
        await sandbox.CreateAppAsync(app);
        await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/addons", new JsonObject { ["plan"] = "heroku-postgresql" });
        var config = await sandbox.GetAsync($"/apps/{app}/config-vars");
        config["DATABASE_URL"]!.GetValue<string>().ShouldStartWith("postgres://");
        using var repo = new GitRepo();
        repo.Write("README", "x");
        repo.Commit("x");
        repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master").ExitCode.ShouldBe(0);

        var command = ExitStatusMarker.AppendTo("psql \"$DATABASE_URL\" -Atc 'select 40 + 2'");
        var dyno = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/dynos", new JsonObject { ["command"] = command, ["attach"] = true });
        var output = new MemoryStream();
        var status = await RendezvousClient.TrustingPemFile(sandbox.Host.CertificatePath)
            .AttachAsync(dyno["attach_url"]!.GetValue<string>(), output, null, Ct);

        status.ShouldBe(0, Encoding.UTF8.GetString(output.ToArray()));
        Encoding.UTF8.GetString(output.ToArray()).ShouldContain("42");
    }

    [Fact]
    public async Task Deleting_an_app_deletes_its_git_repository()
    {
        var app = SandboxFixture.NewAppName("del");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo();
        repo.Commit("x");
        repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master").ExitCode.ShouldBe(0);
        sandbox.Host.Repositories.Exists(app).ShouldBeTrue();

        await sandbox.SendAsync(HttpMethod.Delete, $"/apps/{app}", null);

        sandbox.Host.Repositories.Exists(app).ShouldBeFalse();
    }
}

public sealed class SandboxLogTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_detached_dyno_s_output_can_be_read_back_through_a_log_session()
    {
        var app = SandboxFixture.NewAppName("logs");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo();
        repo.Commit("x");
        repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master").ExitCode.ShouldBe(0);

        var dyno = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/dynos", new JsonObject { ["command"] = "echo hello-from-detached; echo second line", ["attach"] = false });
        var name = dyno["name"]!.GetValue<string>();
        dyno["attach_url"].ShouldBeNull();

        string text = "";
        for (var i = 0; i < 100 && !text.Contains("second line", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var session = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/log-sessions", new JsonObject { ["dyno_name"] = name, ["lines"] = 10 });
            using var http = new HttpClient();
            text = await http.GetStringAsync(session["logplex_url"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        }

        text.ShouldContain($"app[{name}]: hello-from-detached");
        text.ShouldContain($"app[{name}]: second line");
    }
}
