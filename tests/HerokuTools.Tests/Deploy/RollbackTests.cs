using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>rollback --to VERSION, and a protected environment's rollback asks for the app name.</summary>
public class RollbackTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Rollback_to_a_version_goes_to_that_release_and_lists_every_commit_rolled_back()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var first = await p.ReleaseAsync(p.Dev);
        p.Commit("Second", ("app.py", "2\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var third = p.Commit("Third", ("app.py", "3\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var current = await p.ReleaseAsync(p.Dev);

        var r = await p.RunAsync("rollback", "dev", "--to", first.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain($"from v{current.Version} ({third[..7]}) to v{first.Version} ({p.First[..7]})");
        r.Out.ShouldContain("2 commit(s) rolled back:");
        r.Out.ShouldContain(" Second (Dev Eloper)");
        r.Out.ShouldContain(" Third (Dev Eloper)");
        var now = await p.ReleaseAsync(p.Dev);
        now.Commit.ShouldBe(p.First);
        now.Version.ShouldBe(current.Version + 1);
        r.Out.ShouldContain($"to v{first.Version}: now v{now.Version}");
    }

    [Fact]
    public async Task Rollback_of_a_protected_environment_needs_the_app_name_typed()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "live", "--branch", "dev", "--yes")).ExitCode.ShouldBe(0);
        var second = p.Commit("Second", ("app.py", "2\n"));
        (await p.RunAsync("deploy", "live", "--branch", "dev", "--yes")).ExitCode.ShouldBe(0);
        var before = await p.ReleaseAsync(p.Live);
        before.Commit.ShouldBe(second);

        var wrong = await p.RunAsync(new ProgramRun(p.Repo.Path, "rollback", "live") { Terminal = true, Stdin = "y\n" });
        wrong.ExitCode.ShouldBe(ExitCodes.Failure);
        wrong.Error.ShouldContain($"Type the app name ({p.Live})");
        wrong.Error.ShouldContain("rollback not confirmed; nothing was changed");
        (await p.ReleaseAsync(p.Live)).ShouldBe(before);

        var right = await p.RunAsync(new ProgramRun(p.Repo.Path, "rollback", "live") { Terminal = true, Stdin = p.Live + "\n" });
        right.ExitCode.ShouldBe(ExitCodes.Success, right.Error);
        (await p.ReleaseAsync(p.Live)).Commit.ShouldBe(p.First);
    }
}
