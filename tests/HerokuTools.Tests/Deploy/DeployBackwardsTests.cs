using System.Text.Json.Nodes;
using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>A deploy that would remove commits the app runs: refused when it only goes backwards, shown when the branches diverged.</summary>
public class DeployBackwardsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_target_behind_the_release_is_refused_without_force()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Second", ("app.py", "2\n"));
        var third = p.Commit("Third", ("app.py", "3\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var before = await p.ReleaseAsync(p.Dev);
        p.Repo.Run("reset", "-q", "--hard", "HEAD~2");

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Out);
        r.Error.ShouldContain($"is behind what {p.Dev} runs ({third[..7]}): deploying it would remove 2 commits and add none");
        r.Error.ShouldContain("pull first");
        (await p.ReleaseAsync(p.Dev)).ShouldBe(before);

        var forced = await p.RunAsync("deploy", "dev", "--force", "--dry-run");
        forced.ExitCode.ShouldBe(0, forced.Error);
        forced.Out.ShouldContain("2 commits now running will be removed:");
        forced.Out.ShouldContain($"{third[..7]} Third (Dev Eloper)");
    }

    [Fact]
    public async Task A_diverged_branch_lists_the_running_commits_it_removes_with_migrations_marked()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var migration = p.Commit("Dev migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        var plain = p.Commit("Dev change", ("app.py", "dev\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Repo.Run("checkout", "-q", "-b", "feature/x", p.First);
        p.Commit("Feature", ("feature.py", "x\n"));

        var r = await p.RunAsync("deploy", "dev", "--branch", "feature/x", "--dry-run");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("2 commits now running will be removed (1 with migrations: the database keeps them):");
        r.Out.ShouldContain($"  {migration[..7]} Dev migration (Dev Eloper)  [migrations]");
        r.Out.ShouldContain($"  {plain[..7]} Dev change (Dev Eloper)\n");

        var json = await p.RunAsync("deploy", "dev", "--branch", "feature/x", "--dry-run", "--json");
        json.ExitCode.ShouldBe(0, json.Error);
        var removed = JsonNode.Parse(json.Out)!["removed_commits"]!.AsArray();
        removed.Select(c => c!["sha"]!.GetValue<string>()).ShouldBe([plain, migration]);
        removed.Select(c => c!["migrations"]!.GetValue<bool>()).ShouldBe([false, true]);
    }
}
