using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy.post_deploy: each command an attached one-off dyno after migrate and collectstatic, in order; status checked.</summary>
public class DeployPostDeployTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Post_deploy_commands_run_as_dynos_after_migrate_and_collectstatic_in_order_with_their_output_shown()
    {
        using var p = await DeployProject.CreateAsync(sandbox, """
            deploy:
              post_deploy:
                - "echo POST ONE sees $(ls migrations)"
                - "echo POST TWO at $((40 + 2))"
            """);

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        // Output the shell produced in the dyno (a checkout of the release), not the command text echoed back.
        var order = new[] { "MIGRATE ran with 1 migrations", "COLLECTSTATIC ran", "POST ONE sees 0001_initial.sql", "POST TWO at 42" }
            .Select(s => r.Error.IndexOf(s, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0, r.Error);
        order.ShouldBeInOrder(SortDirection.Ascending, r.Error);
        r.Out.ShouldContain("ok   run: echo POST TWO at $((40 + 2))");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(p.First);
    }

    [Fact]
    public async Task A_failing_post_deploy_command_fails_the_deploy_skips_the_rest_and_maintenance_goes_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox, """
            deploy:
              post_deploy:
                - "echo cache clear refused; exit 4"
                - "echo NEVER $((40 + 2))"
            """);

        var r = await p.RunAsync("deploy", "dev", "--yes", "--maintenance", "always");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Error.ShouldContain("cache clear refused");
        r.Error.ShouldContain("error: run: echo cache clear refused; exit 4: 'echo cache clear refused; exit 4' exited with status 4", customMessage: r.Error);
        r.Error.ShouldNotContain("NEVER 42");
        r.Out.ShouldContain("skip run: echo NEVER $((40 + 2))");
        r.Out.ShouldContain("FAILED");
        r.Out.ShouldContain("ok   maintenance off");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).ShouldBeEmpty();
        File.ReadAllText(Directory.GetFiles(Path.Combine(p.Repo.Path, "release-notes", "dev")).ShouldHaveSingleItem()).ShouldContain("**Outcome:** failed");
    }
}
