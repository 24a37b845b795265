using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>A failed deploy's note and summary, the pipeline checked while planning, the plan's paths and tags expanded.</summary>
public class DeployFailedNotePromotionAndPlaceholderTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_failed_deploy_whose_push_went_live_writes_its_note_names_the_release_and_suggests_rollback_but_is_not_tagged()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Broken migration", ("bin/migrate", "echo 'relation does not exist'; exit 3\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        var running = await p.ReleaseAsync(p.Dev);
        r.Out.ShouldContain($"{p.Dev} now runs v{running.Version} ({running.Commit![..7]}), released by this deploy: 'heroku-tools rollback dev'");
        var note = File.ReadAllText(Path.Combine(p.Repo.Path, "release-notes", "dev", $"v{running.Version}.md"));
        note.ShouldContain("**Outcome:** failed: run: sh bin/migrate: 'sh bin/migrate' exited with status 3");
        note.ShouldContain($"**Now running:** v{running.Version}");
        note.ShouldContain("| run: sh bin/migrate | failed");
        r.Out.ShouldContain("release note: ");
        p.Repo.Run("tag", "--list", "deploy/*").Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_promotion_without_a_pipeline_fails_while_planning_before_anything_changes()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Repo.Write("heroku-tools.yml", $"""
            environments:
              - label: live
                app_name: {p.Live}
                branch: master
                promote_from: dev
              - label: dev
                app_name: {p.Dev}
                branch: dev
            """);
        p.Repo.Commit("Promote live from dev");
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var before = await p.ReleaseAsync(p.Live);

        var dry = await p.RunAsync("deploy", "live", "--dry-run");
        var real = await p.RunAsync("deploy", "live", "--yes", "--maintenance", "always");

        dry.ExitCode.ShouldBe(ExitCodes.Usage);
        dry.Error.ShouldContain($"{p.Dev} is in no pipeline; couple {p.Dev} and {p.Live} in one to deploy by promotion");
        real.ExitCode.ShouldBe(ExitCodes.Usage);
        real.Error.ShouldContain("is in no pipeline");
        real.Error.ShouldNotContain("maintenance on");
        (await p.MaintenanceAsync(p.Live)).ShouldBeFalse();
        (await p.ReleaseAsync(p.Live)).ShouldBe(before);
    }

    [Fact]
    public async Task The_plan_shows_the_note_path_and_tag_with_env_expanded_and_the_version_unknown()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync("deploy", "dev", "--dry-run");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("write the release note release-notes/dev/v?.md");
        r.Out.ShouldContain("tag deploy/dev/v?");
        r.Out.ShouldContain("v? = the new release's number");
        r.Out.ShouldNotContain("{env}");
        r.Out.ShouldNotContain("{version}");
        r.Out.ShouldContain("first deploy");
        r.Out.ShouldNotContain("first deploy (v");
        r.Out.ShouldContain("switched on above; off again on every path, failure included");
        r.Out.ShouldNotContain("((");
    }
}
