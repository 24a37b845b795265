using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>maintenance on ENV: switched on, reported by status as plainly on (no journal: it was asked for, not left over).</summary>
public class MaintenanceOnTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Maintenance_on_switches_it_on_writes_no_journal_and_status_shows_it_on_not_stale()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);

        var r = await p.RunAsync("maintenance", "on", "dev");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain($"maintenance on: dev ({p.Dev})");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeTrue();
        var journal = Path.Combine(p.Repo.Path, ".git", "heroku-tools");
        (Directory.Exists(journal) ? Directory.EnumerateFiles(journal) : []).ShouldBeEmpty();
        var status = await p.RunAsync("status", "dev");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.Split('\n').Single(l => l.StartsWith("dev ", StringComparison.Ordinal)).TrimEnd().ShouldEndWith("ON");
        status.Error.ShouldNotContain("did not finish");
    }

    [Fact]
    public async Task Maintenance_on_for_a_protected_environment_asks_for_the_app_name()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var refused = await p.RunAsync("maintenance", "on", "live");
        refused.ExitCode.ShouldBe(ExitCodes.Usage, refused.Error);
        (await p.MaintenanceAsync(p.Live)).ShouldBeFalse();

        var typed = await p.RunAsync(new ProgramRun(p.Repo.Path, "maintenance", "on", "live") { Terminal = true, Stdin = p.Live + "\n" });
        typed.ExitCode.ShouldBe(ExitCodes.Success, typed.Error);
        (await p.MaintenanceAsync(p.Live)).ShouldBeTrue();
    }
}
