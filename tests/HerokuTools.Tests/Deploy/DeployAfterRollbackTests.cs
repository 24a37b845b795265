using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Git;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>
/// After a rollback the app's git branch still points at the newer commit: a push of that commit builds nothing, so
/// the deploy releases the slug already built from it again; a push that makes no release fails the deploy.
/// </summary>
public class DeployAfterRollbackTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Deploy_after_a_rollback_releases_the_targets_slug_again_and_runs_its_migrations()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var second = p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var built = await p.ReleaseAsync(p.Dev);
        (await p.RunAsync("rollback", "dev", "--yes")).ExitCode.ShouldBe(0);
        var rolledBack = await p.ReleaseAsync(p.Dev);
        rolledBack.Commit.ShouldBe(p.First);
        var tagsBefore = p.Repo.Run("tag");

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain($"release v{built.Version}'s slug ({second[..7]}) again as a new release");
        r.Out.ShouldContain("a push would build nothing");
        r.Error.ShouldNotContain("Everything up-to-date");
        r.Error.ShouldContain("MIGRATE ran with 2 migrations");
        var now = await p.ReleaseAsync(p.Dev);
        now.Version.ShouldBe(rolledBack.Version + 1);
        now.Commit.ShouldBe(second);
        r.Out.ShouldContain($"v{now.Version} in ");
        p.Repo.Run("tag").ShouldNotBe(tagsBefore);
        p.Repo.Run("rev-parse", $"deploy/dev/v{now.Version}^{{commit}}").Trim().ShouldBe(second);
    }

    [Fact]
    public async Task A_push_that_makes_no_release_fails()
    {
        var app = SandboxFixture.NewAppName("noop");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo("dev");
        repo.Write("a.txt", "1\n");
        var commit = repo.Commit("first");
        repo.Try(sandbox.GitAuthEnvironment(), "push", "-q", sandbox.GitUrl(app), $"{commit}:refs/heads/main").ExitCode.ShouldBe(0);
        var url = new Uri(sandbox.GitUrl(app));
        var remote = new HerokuGitRemote(url, GitAuth.Environment(url, sandbox.Host.Token)) { BasicCredentials = GitAuth.BasicCredentials(sandbox.Host.Token) };
        var git = new GitCli(repo.Path, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" });

        var e = await Should.ThrowAsync<ToolException>(() =>
            new HerokuPush(git, remote).PushAsync(app, commit, "main", commit, false, _ => { }, TestContext.Current.CancellationToken));

        e.Message.ShouldContain("the push changed nothing");
        e.Message.ShouldContain("nothing was deployed");
    }

    [Fact]
    public void A_push_that_cannot_build_and_no_release_to_reuse_is_refused_at_plan_time()
    {
        var target = new DeployTarget("dev", "app-dev", MaintenanceOn: false, ReleasePhaseCommand: null) { RemoteHead = "c".PadRight(40, 'c') };
        var changes = new Changeset("a".PadRight(40, 'a'), "c".PadRight(40, 'c'), [], [new FileChange('M', "app.py")]);

        var e = Should.Throw<ToolException>(() =>
            DeployPlanner.Plan(target, "dev", changes, DeploySettings.Default, "migrate", "collect", new DeployOverrides()));

        e.Message.ShouldContain("a push would build nothing");
        e.Message.ShouldContain("commit something new");
        var reused = DeployPlanner.Plan(target with { ReleaseOfTarget = new EarlierRelease(3, "id-3") }, "dev", changes, DeploySettings.Default,
            "migrate", "collect", new DeployOverrides());
        reused.Steps.Single(s => s.Kind == StepKind.Rollback).Command.ShouldBe("id-3");
        reused.Has(StepKind.Push).ShouldBeFalse();
    }
}
