using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>The branch pushed to matches the app: master when the app's repository has only master, else main.</summary>
public class DeployMasterBranchTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task An_app_that_builds_from_master_is_pushed_to_master()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        var url = sandbox.GitUrl(p.Dev);
        p.Repo.Try(sandbox.GitAuthEnvironment(), "push", "-q", url, "dev:refs/heads/master").ExitCode.ShouldBe(0);
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(p.First);
        var next = p.Commit("Next", ("app.py", "print('next')\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain($"to {p.Dev} master (lease on {p.First[..7]})");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(next);
        var heads = p.Repo.Try(sandbox.GitAuthEnvironment(), "ls-remote", "--heads", url);
        heads.ExitCode.ShouldBe(0, heads.Error);
        heads.Out.ShouldContain($"{next}\trefs/heads/master");
        heads.Out.ShouldNotContain("refs/heads/main");
    }

    [Fact]
    public async Task A_new_app_with_no_branch_yet_is_pushed_to_main()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain($"to {p.Dev} main (lease: branch absent)");
        var heads = p.Repo.Try(sandbox.GitAuthEnvironment(), "ls-remote", "--heads", sandbox.GitUrl(p.Dev));
        heads.Out.ShouldContain($"{p.First}\trefs/heads/main");
        heads.Out.ShouldNotContain("refs/heads/master");
    }
}
