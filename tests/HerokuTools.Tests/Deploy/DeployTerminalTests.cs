using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy on a (fake) terminal: the live step display and the plan as tables and a tree; plain when piped.</summary>
public class DeployTerminalTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Escape = "\u001b[";

    [Fact]
    public async Task On_a_terminal_the_steps_show_live_above_streaming_output_and_the_plan_is_a_tree()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes") { Terminal = true });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Error.ShouldContain(Escape);
        r.Error.ShouldContain("==> maintenance on");
        r.Error.ShouldContain("==> push dev");
        r.Error.ShouldContain("==> run: sh bin/migrate");
        r.Error.ShouldContain("    MIGRATE ran with 1 migrations");
        r.Error.ShouldContain("    COLLECTSTATIC ran");
        r.Error.ShouldContain("Released v");
        r.Out.ShouldContain("╭");
        r.Out.ShouldContain("migrations/");
        r.Out.ShouldContain("<- migrate");
        r.Out.ShouldContain("Initial project");
        r.Out.ShouldContain("1 migration changed");
        r.Out.ShouldNotContain("migrations/0001_initial.sql  [migrate]");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(p.First);
    }

    [Fact]
    public async Task Piped_the_same_deploy_is_plain_lines_without_escape_codes()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes"));

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldNotContain("\u001b");
        r.Error.ShouldNotContain("\u001b");
        r.Out.ShouldContain("migrations/0001_initial.sql  [migrate]");
        r.Out.ShouldContain("Plan:");
        var lines = r.Error.Split('\n');
        lines.ShouldContain("==> maintenance on");
        lines.ShouldContain("    MIGRATE ran with 1 migrations");
        lines.ShouldContain("==> maintenance off");
    }

    [Fact]
    public async Task Dry_run_on_a_terminal_draws_the_plan_and_changes_nothing()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--dry-run") { Terminal = true });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("Plan");
        r.Out.ShouldContain("│");
        r.Out.ShouldContain("run: sh bin/collectstatic");
        r.Out.ShouldContain("dry run: nothing was changed");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBeNull();
    }
}
