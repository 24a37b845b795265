using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>A local branch behind its upstream on origin is warned about (the deploy would leave those commits out).</summary>
public class DeployBehindUpstreamTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_branch_behind_origin_is_warned_about_with_the_count()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        using var origin = ColleaguesPushedTo(p, 2);

        var behind = await p.RunAsync("deploy", "dev", "--dry-run");

        behind.ExitCode.ShouldBe(ExitCodes.Success, behind.Error);
        behind.Error.ShouldContain("warning: dev is 2 commits behind origin/dev: pull first, or you deploy without them");

        p.Repo.Run("merge", "-q", "--ff-only", "origin/dev");
        var level = await p.RunAsync("deploy", "dev", "--dry-run");
        level.ExitCode.ShouldBe(ExitCodes.Success, level.Error);
        level.Error.ShouldNotContain("behind");
    }

    [Fact]
    public async Task Diverged_counts_only_the_commits_behind_and_a_tag_or_commit_is_resolved_as_git_would()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        using var origin = ColleaguesPushedTo(p, 3);
        var mine = p.Commit("Mine", ("mine.py", "m\n"));
        p.Repo.Run("tag", "v1", mine);

        var diverged = await p.RunAsync("deploy", "dev", "--dry-run");
        var tag = await p.RunAsync("deploy", "dev", "--branch", "v1", "--dry-run");
        var sha = await p.RunAsync("deploy", "dev", "--branch", mine[..10], "--dry-run");
        var unknown = await p.RunAsync("deploy", "dev", "--branch", "no-such-thing", "--dry-run");

        diverged.ExitCode.ShouldBe(ExitCodes.Success, diverged.Error);
        diverged.Error.ShouldContain("warning: dev is 3 commits behind origin/dev: pull first, or you deploy without them");
        diverged.Out.ShouldContain($"{mine[..7]} to dev (");
        tag.ExitCode.ShouldBe(ExitCodes.Success, tag.Error);
        tag.Out.ShouldContain($"{mine[..7]} to dev (");
        tag.Error.ShouldNotContain("behind");
        sha.ExitCode.ShouldBe(ExitCodes.Success, sha.Error);
        sha.Out.ShouldContain($"{mine[..7]} to dev (");
        unknown.ExitCode.ShouldBe(ExitCodes.Usage);
        unknown.Error.ShouldContain("'no-such-thing' is not a branch, tag or commit in this repository");
    }

    /// <summary>An origin whose dev has <paramref name="commits"/> commits this clone has not pulled.</summary>
    private static TempDirectory ColleaguesPushedTo(DeployProject p, int commits)
    {
        var origin = new TempDirectory("ht-origin-");
        p.Repo.Run("init", "-q", "--bare", origin.Path);
        p.Repo.Run("remote", "add", "origin", origin.Path);
        for (var i = 1; i <= commits; i++)
        {
            p.Commit($"Pushed by a colleague {i}", ($"theirs{i}.py", $"{i}\n"));
        }

        p.Repo.Run("push", "-q", "-u", "origin", "dev");
        p.Repo.Run("reset", "-q", "--hard", p.First);
        return origin;
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("behind 2", 2)]
    [InlineData("ahead 1, behind 12", 12)]
    [InlineData("ahead 4", 0)]
    [InlineData("gone", 0)]
    public void The_tracking_summary_gives_the_commits_behind(string track, int behind) =>
        HerokuTools.Deploy.DeployPreparer.Behind(track).ShouldBe(behind);
}
