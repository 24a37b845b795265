using System.Text.Json.Nodes;
using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>Migrations a failed deploy did not finish (its push already released the code) are planned again by the next deploy.</summary>
public class DeployUnfinishedStepsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private Task<JsonNode> FailMigrationsAsync(string app, bool fail) =>
        sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}/config-vars", new JsonObject { ["FAIL_MIGRATE"] = fail ? "1" : null });

    [Fact]
    public async Task A_failed_migration_is_run_again_by_the_next_deploy_even_with_nothing_new_to_deploy()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Migrations can be made to fail", ("bin/migrate", "test -z \"$FAIL_MIGRATE\" || exit 3\necho \"MIGRATE ran\"\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        await FailMigrationsAsync(p.Dev, true);
        var failed = await p.RunAsync("deploy", "dev", "--yes");
        failed.ExitCode.ShouldBe(ExitCodes.Failure);
        var released = await p.ReleaseAsync(p.Dev);
        await FailMigrationsAsync(p.Dev, false);

        var plan = await p.RunAsync("deploy", "dev", "--dry-run");
        plan.ExitCode.ShouldBe(0, plan.Error);
        plan.Out.ShouldContain("dev is up to date");
        plan.Out.ShouldContain($"run: sh bin/migrate  (the deploy of dev (v{released.Version}) did not finish its migrations)");
        plan.Out.ShouldContain("maintenance on");
        plan.Out.ShouldNotContain("push ");

        var r = await p.RunAsync("deploy", "dev", "--yes");
        r.ExitCode.ShouldBe(0, r.Error);
        r.Error.ShouldContain("MIGRATE ran");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(released.Commit);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();

        var after = await p.RunAsync("deploy", "dev", "--dry-run");
        after.Out.ShouldContain("dev is up to date");
        after.Out.ShouldNotContain("sh bin/migrate");
    }

    [Fact]
    public async Task Owed_migrations_join_the_next_changeset_that_has_none()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Migrations can be made to fail", ("bin/migrate", "test -z \"$FAIL_MIGRATE\" || exit 3\necho \"MIGRATE ran\"\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        await FailMigrationsAsync(p.Dev, true);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(ExitCodes.Failure);
        await FailMigrationsAsync(p.Dev, false);
        p.Commit("Plain change", ("app.py", "print('v3')\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes", "--json");

        r.ExitCode.ShouldBe(0, r.Error);
        var steps = JsonNode.Parse(r.Out)!["steps"]!.AsArray();
        steps.Select(s => s!["kind"]!.GetValue<string>()).ShouldContain("migrate");
        steps.Single(s => s!["kind"]!.GetValue<string>() == "migrate")!["reason"]!.GetValue<string>().ShouldContain("did not finish its migrations");
        r.Error.ShouldContain("MIGRATE ran");
    }
}
