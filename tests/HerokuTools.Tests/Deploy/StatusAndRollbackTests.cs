using System.Text.Json.Nodes;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

public class StatusAndRollbackTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Status_shows_release_commit_pending_commits_with_migrations_and_maintenance()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Plain", ("app.py", "2\n"));
        p.Commit("Migration", ("migrations/0002.sql", "select 1;\n"));
        await p.SetMaintenanceAsync(p.Dev, true);

        var r = await p.RunAsync("status");

        r.ExitCode.ShouldBe(0, r.Error);
        var lines = r.Out.Split('\n');
        lines[0].ShouldStartWith("ENV");
        var dev = lines.Single(l => l.StartsWith("dev ", StringComparison.Ordinal));
        dev.ShouldContain(p.Dev);
        dev.ShouldContain(p.First[..7]);
        dev.ShouldContain("2 (migrations)");
        dev.ShouldContain("ON");
        lines.Single(l => l.StartsWith("live ", StringComparison.Ordinal)).ShouldContain(" -  ");

        var json = JsonNode.Parse((await p.RunAsync("status", "dev", "--json")).Out)!["environments"]!.AsArray().Single()!;
        json["pending_commits"]!.GetValue<int>().ShouldBe(2);
        json["pending_migrations"]!.GetValue<bool>().ShouldBeTrue();
        json["released_commit"]!.GetValue<string>().ShouldBe(p.First);
        json["maintenance"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Rollback_goes_to_the_previous_release_and_warns_about_migrations()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var before = await p.ReleaseAsync(p.Dev);
        p.Commit("Add column", ("migrations/0002_col.sql", "alter table t add y int;\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);

        var r = await p.RunAsync("rollback", "dev", "--yes");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("Add column");
        r.Error.ShouldContain("the database is NOT rolled back");
        var after = await p.ReleaseAsync(p.Dev);
        after.Commit.ShouldBe(before.Commit);
        after.Version.ShouldBeGreaterThan(before.Version);

        // The next deploy compares with the rolled-back release, not the git remote: the migration is pending again.
        var plan = await p.RunAsync("deploy", "dev", "--dry-run");
        plan.Out.ShouldContain("run: sh bin/migrate");
    }

    [Fact]
    public async Task Rollback_without_a_terminal_or_yes_refuses()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Two", ("app.py", "2\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var before = await p.ReleaseAsync(p.Dev);

        var r = await p.RunAsync("rollback", "dev");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        (await p.ReleaseAsync(p.Dev)).ShouldBe(before);
    }
}
