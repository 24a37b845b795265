using System.Text.Json.Nodes;
using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy ENV end to end: a real repository, the sandbox's git, API and one-off dynos.</summary>
public class DeployCommandTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task First_deploy_pushes_everything_runs_both_steps_and_writes_note_and_tag()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("first deploy");
        r.Out.ShouldContain("migrations/0001_initial.sql  [migrate]");
        r.Error.ShouldContain("MIGRATE ran with 1 migrations");
        r.Error.ShouldContain("COLLECTSTATIC ran");
        var release = await p.ReleaseAsync(p.Dev);
        release.Commit.ShouldBe(p.First);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        r.Out.ShouldContain($"to dev ({p.Dev}) v{release.Version}");

        var note = File.ReadAllText(Path.Combine(p.Repo.Path, "release-notes", "dev", $"v{release.Version}.md"));
        note.ShouldContain($"**App:** {p.Dev}");
        note.ShouldContain("(first deploy) -> " + p.First[..7]);
        note.ShouldContain("Initial project");
        note.ShouldContain("Dev Eloper <dev@example.com> (heroku: ");
        note.ShouldContain("| run: sh bin/migrate | succeeded |");
        p.Repo.Run("rev-parse", $"deploy/dev/v{release.Version}^{{commit}}").Trim().ShouldBe(p.First);
    }

    [Fact]
    public async Task Migrations_and_maintenance_only_when_the_changeset_touches_migrations()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);

        p.Commit("Plain change", ("app.py", "print('v2')\n"));
        var plain = await p.RunAsync("deploy", "dev", "--yes", "--json");
        plain.ExitCode.ShouldBe(0, plain.Error);
        var doc = JsonNode.Parse(plain.Out)!;
        Kinds(doc["steps"]!).ShouldBe(["push", "release_note", "tag"]);
        plain.Error.ShouldNotContain("MIGRATE ran");
        plain.Error.ShouldNotContain("COLLECTSTATIC ran");

        p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        var migrating = await p.RunAsync("deploy", "dev", "--yes", "--json");
        migrating.ExitCode.ShouldBe(0, migrating.Error);
        doc = JsonNode.Parse(migrating.Out)!;
        Kinds(doc["steps"]!).ShouldBe(["maintenance_on", "push", "migrate", "maintenance_off", "release_note", "tag"]);
        doc["result"]!["succeeded"]!.GetValue<bool>().ShouldBeTrue();
        Kinds(doc["result"]!["steps"]!, "outcome").ShouldAllBe(o => o == "succeeded");
        doc["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "migrations/0002_more.sql")!["triggers"]!.AsArray()
            .Single()!.GetValue<string>().ShouldBe("migrate");
        migrating.Error.ShouldContain("MIGRATE ran with 2 migrations");
        migrating.Error.ShouldNotContain("COLLECTSTATIC ran");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();

        p.Commit("Restyle", ("static/site.css", "body { color: red }\n"));
        var styling = await p.RunAsync("deploy", "dev", "--yes");
        styling.ExitCode.ShouldBe(0, styling.Error);
        styling.Error.ShouldContain("COLLECTSTATIC ran");
        styling.Error.ShouldNotContain("MIGRATE ran");
        styling.Error.ShouldNotContain("maintenance on");
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_leaves_the_sandbox_byte_identical()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        var before = Snapshot();
        var tagsBefore = p.Repo.Run("tag");

        var r = await p.RunAsync("deploy", "dev", "--dry-run");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("1 commit:");
        r.Out.ShouldContain("Add a migration");
        r.Out.ShouldContain("maintenance on");
        r.Out.ShouldContain("run: sh bin/migrate  (1 migration changed)");
        r.Out.ShouldContain("dry run: nothing was changed");
        Snapshot().ShouldBe(before);
        p.Repo.Run("tag").ShouldBe(tagsBefore);
    }

    [Fact]
    public async Task Verbose_lines_are_stamped_and_name_each_request_and_git_command_without_secrets()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync("deploy", "dev", "--dry-run", "--verbose");

        r.ExitCode.ShouldBe(0, r.Error);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[ *\d+ ms\] GET /apps/" + p.Dev + @" -> 200 \(\d+ ms\)$"));
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[ *\d+ ms\] git log -> 0 \(\d+ ms\)$"));
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[ *\d+ ms\] changeset \(1 commits, \d+ files\) in \d+ ms$"));
        r.Error.ShouldNotContain(sandbox.Host.Token);
        r.Error.ShouldNotContain(GitAuth.BasicCredentials(sandbox.Host.Token));
    }

    [Fact]
    public async Task Nothing_to_deploy_says_up_to_date()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);

        var r = await p.RunAsync("deploy", "dev");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("dev is up to date");
    }

    [Fact]
    public async Task Branch_deploy_pushes_the_given_branch()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Repo.Run("checkout", "-q", "-b", "feature/x");
        var feature = p.Commit("Feature work", ("feature.py", "x = 1\n"));
        p.Repo.Run("checkout", "-q", "dev");

        var r = await p.RunAsync("deploy", "dev", "--branch", "feature/x", "--yes");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("Feature work");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(feature);
    }

    [Fact]
    public async Task Migrations_are_not_run_again_when_the_release_phase_runs_them()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Release phase", ("Procfile", "web: sh app.py\nrelease: sh bin/migrate\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("migrations run in the release phase (Procfile release: sh bin/migrate): not run again");
        r.Out.ShouldNotContain("run: sh bin/migrate");
        r.Error.ShouldContain("MIGRATE ran"); // once, by the release phase, in the build output
    }

    [Fact]
    public async Task A_failed_migration_fails_the_deploy_and_switches_maintenance_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Broken migration", ("bin/migrate", "echo 'relation does not exist'; exit 3\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.ShouldContain("error: run: sh bin/migrate: 'sh bin/migrate' exited with status 3");
        r.Error.ShouldContain("relation does not exist");
        r.Out.ShouldContain("FAILED");
        r.Out.ShouldContain("ok   maintenance off");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        File.ReadAllText(Directory.GetFiles(Path.Combine(p.Repo.Path, "release-notes", "dev")).ShouldHaveSingleItem()).ShouldContain("**Outcome:** failed");
    }

    [Fact]
    public async Task A_bad_extra_certificate_fails_the_dyno_step_clearly_and_a_missing_one_stops_before_anything()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        var notPem = Path.Combine(p.Repo.Path, ".git", "not-a-cert.pem");
        await File.WriteAllTextAsync(notPem, "hello\n", TestContext.Current.CancellationToken);
        p.Commit("Migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));

        var missing = await p.RunAsync(new ProgramRun(p.Repo.Path, ["deploy", "dev", "--yes"])
        {
            Environment = new Dictionary<string, string> { ["HEROKU_TOOLS_CA_CERT"] = notPem + ".gone" },
        });
        var bad = await p.RunAsync(new ProgramRun(p.Repo.Path, ["deploy", "dev", "--yes"])
        {
            Environment = new Dictionary<string, string> { ["HEROKU_TOOLS_CA_CERT"] = notPem },
        });

        missing.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.Error.ShouldContain($"HEROKU_TOOLS_CA_CERT={notPem}.gone: no such file");
        bad.ExitCode.ShouldBe(ExitCodes.Failure);
        bad.Error.ShouldContain($"HEROKU_TOOLS_CA_CERT={notPem}: not a readable PEM certificate");
        bad.Out.ShouldContain("ok   maintenance off");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
    }

    [Fact]
    public async Task Keep_maintenance_leaves_it_on_after_a_failed_migration_and_says_so()
    {
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  on_failure: keep_maintenance\n");
        p.Commit("Broken migration", ("bin/migrate", "exit 1\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.ShouldContain("MAINTENANCE IS STILL ON");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_rejected_push_fails_the_deploy_and_switches_maintenance_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        sandbox.Host.Repositories.RejectNextPush(p.Dev, "Injected build failure");

        var r = await p.RunAsync("deploy", "dev", "--yes", "--maintenance", "always");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.ShouldContain($"push rejected by {p.Dev}: Injected build failure");
        r.Out.ShouldContain("skip run: sh bin/migrate");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_a_terminal_and_without_yes_it_refuses()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync("deploy", "dev");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Error.ShouldContain("pass --yes");
        (await sandbox.GetAsync($"/apps/{p.Dev}/releases")).AsArray().Count.ShouldBe((await p.ReleaseAsync(p.Dev)).Count);
    }

    [Fact]
    public async Task A_protected_environment_needs_the_app_name_typed()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Repo.Run("branch", "master");

        var wrong = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "live") { Terminal = true, Stdin = "y\n" });
        wrong.ExitCode.ShouldBe(ExitCodes.Failure);
        wrong.Error.ShouldContain($"Type the app name ({p.Live})");
        wrong.Error.ShouldContain("not confirmed");

        var right = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "live") { Terminal = true, Stdin = p.Live + "\n" });
        right.ExitCode.ShouldBe(ExitCodes.Success, right.Error);
        (await p.ReleaseAsync(p.Live)).Commit.ShouldBe(p.First);
    }

    [Fact]
    public async Task A_refused_token_is_one_clear_line()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes")
        {
            Environment = new Dictionary<string, string> { ["HEROKU_API_KEY"] = "wrong-token" },
        });

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.Trim().ShouldStartWith("error: the token was refused");
        r.Error.ShouldNotContain("wrong-token");
    }

    private string Snapshot()
    {
        var state = File.ReadAllText(Path.Combine(sandbox.Host.Directory, "state.json"));
        var refs = string.Join("\n", Directory.EnumerateFiles(sandbox.Host.Repositories.Root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains("/refs/", StringComparison.Ordinal) || f.EndsWith("packed-refs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(f => f + "=" + File.ReadAllText(f)));
        return state + "\n" + refs;
    }

    private static List<string> Kinds(JsonNode array, string property = "kind") =>
        array.AsArray().Select(s => s![property]!.GetValue<string>()).ToList();
}
