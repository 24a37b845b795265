using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>A local branch behind its upstream on origin is warned about (the deploy would leave those commits out).</summary>
public class DeployBehindUpstreamTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_branch_behind_origin_is_warned_about_with_the_count()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        using var origin = new TempDirectory("ht-origin-");
        p.Repo.Run("init", "-q", "--bare", origin.Path);
        p.Repo.Run("remote", "add", "origin", origin.Path);
        p.Commit("Pushed by a colleague", ("one.py", "1\n"));
        p.Commit("And another", ("two.py", "2\n"));
        p.Repo.Run("push", "-q", "-u", "origin", "dev");
        p.Repo.Run("reset", "-q", "--hard", p.First); // this clone has not pulled them

        var behind = await p.RunAsync("deploy", "dev", "--dry-run");

        behind.ExitCode.ShouldBe(ExitCodes.Success, behind.Error);
        behind.Error.ShouldContain("warning: dev is 2 commits behind origin/dev: pull first, or you deploy without them");

        p.Repo.Run("merge", "-q", "--ff-only", "origin/dev");
        var level = await p.RunAsync("deploy", "dev", "--dry-run");
        level.ExitCode.ShouldBe(ExitCodes.Success, level.Error);
        level.Error.ShouldNotContain("behind");
    }
}
