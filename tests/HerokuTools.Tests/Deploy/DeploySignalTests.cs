using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>A real deploy process receives a real SIGINT / SIGTERM while maintenance is on: it cleans up and says so.</summary>
public class DeploySignalTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_a_slow_migration_switches_maintenance_off_clears_the_journal_and_exits_130(string signal)
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Slow migration", ("bin/migrate", "echo SLOW MIGRATION started; sleep 30\n"));
        using var deploy = RealProgram.Start(p, "deploy", "dev", "--yes", "--maintenance", "always");
        await deploy.WaitUntilAsync(async () => await p.MaintenanceAsync(p.Dev) && deploy.Error.Contains("SLOW MIGRATION started", StringComparison.Ordinal),
            "maintenance on and the migration running", TimeSpan.FromSeconds(60));
        var journal = Path.Combine(p.Repo.Path, ".git", "heroku-tools");
        Directory.EnumerateFiles(journal).ShouldHaveSingleItem();

        deploy.Signal(signal);
        var exitCode = await deploy.ExitCodeAsync(TimeSpan.FromSeconds(20)); // well before the 30 s sleep ends

        exitCode.ShouldBe(ExitCodes.Interrupted, deploy.Error);
        deploy.Error.ShouldContain("interrupted: stopped run.");
        (await sandbox.GetAsync($"/apps/{p.Dev}/dynos")).AsArray()
            .ShouldNotContain(d => d!["type"]!.GetValue<string>() == "run", (await sandbox.GetAsync($"/apps/{p.Dev}/dynos")).ToJsonString()); // the migration does not run on unseen
        deploy.Error.ShouldContain("interrupted: maintenance off");
        deploy.Error.ShouldContain($"interrupted after the push: {p.Dev} runs v");
        deploy.Error.ShouldContain("not finished: run: sh bin/migrate");
        deploy.Error.ShouldContain("interrupted");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(journal).ShouldBeEmpty();
        Directory.Exists(Path.Combine(p.Repo.Path, "release-notes")).ShouldBeFalse();
        var next = await p.RunAsync("deploy", "dev", "--dry-run");
        next.ExitCode.ShouldBe(ExitCodes.Success, next.Error);
        next.Out.ShouldContain("did not finish its migrations"); // owed: the next deploy runs them again
    }
}
