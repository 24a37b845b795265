using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy against a misbehaving Heroku: the process killed outright, 503s, a dyno connection dropped.</summary>
public class DeployFaultTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_real_deploy_process_killed_with_SIGKILL_leaves_a_journal_that_status_reports_and_maintenance_off_clears()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Slow migration", ("bin/migrate", "sleep 30\n"));
        using var deploy = RealProgram.Start(p, "deploy", "dev", "--yes", "--maintenance", "always");
        await deploy.WaitUntilAsync(() => p.MaintenanceAsync(p.Dev), "maintenance was on", TimeSpan.FromSeconds(60));
        deploy.Process.Kill(entireProcessTree: false); // SIGKILL: no finally block, no cleanup runs
        await deploy.Process.WaitForExitAsync(Ct);

        var journal = Path.Combine(p.Repo.Path, ".git", "heroku-tools");
        Directory.EnumerateFiles(journal).ShouldHaveSingleItem().ShouldEndWith("maintenance-" + p.Dev);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeTrue();

        var status = await p.RunAsync("status", "dev");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldContain("ON (stale)");
        status.Error.ShouldContain("did not finish; maintenance is still on: run 'heroku-tools maintenance off dev'");

        var off = await p.RunAsync("maintenance", "off", "dev");
        off.ExitCode.ShouldBe(0, off.Error);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(journal).ShouldBeEmpty();
    }

    [Fact]
    public async Task Transient_503s_during_a_deploy_are_retried_and_the_deploy_succeeds()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        await sandbox.Faults.FailNextAsync("PATCH", $"/apps/{p.Dev}", 503, times: 2, retryAfterSeconds: 0);
        await sandbox.Faults.FailNextAsync("GET", $"/apps/{p.Dev}/releases", 503, times: 2, retryAfterSeconds: 0);

        var r = await p.RunAsync("deploy", "dev", "--yes", "--maintenance", "always");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Error.ShouldContain("MIGRATE ran with 1 migrations");
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty(); // every injected 503 was met, and retried past
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(p.First);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_API_that_keeps_failing_past_the_retries_fails_the_deploy_with_one_line_and_maintenance_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        // Maintenance goes on; then the dyno for the migration cannot be created (POST is never retried).
        await sandbox.Faults.FailNextAsync("POST", $"/apps/{p.Dev}/dynos", 503, times: 1, message: "Service Unavailable");

        var r = await p.RunAsync("deploy", "dev", "--yes", "--maintenance", "always");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)).ShouldBeInRange(1, 2);
        r.Error.ShouldContain("error: run: sh bin/migrate", customMessage: r.Error);
        r.Error.ShouldContain("==> maintenance off");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).ShouldBeEmpty();
    }

    [Fact]
    public async Task When_even_maintenance_off_fails_past_the_retries_the_journal_keeps_it_for_the_next_run()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        // Maintenance on and maintenance off both fail 5 times in a row (the client's attempts per request).
        await sandbox.Faults.FailNextAsync("PATCH", $"/apps/{p.Dev}", 503, times: 10, retryAfterSeconds: 0);

        var r = await p.RunAsync("deploy", "dev", "--yes", "--maintenance", "always");

        r.ExitCode.ShouldBe(ExitCodes.Failure);
        r.Error.ShouldContain("COULD NOT SWITCH MAINTENANCE OFF");
        r.Error.ShouldContain($"run 'heroku-tools maintenance off dev'");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBeNull(); // nothing was pushed
        var status = await p.RunAsync("status", "dev");
        status.Error.ShouldContain("did not finish");

        (await p.RunAsync("maintenance", "off", "dev")).ExitCode.ShouldBe(0);
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dyno_connection_dropped_midway_fails_the_deploy_and_maintenance_goes_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Chatty migration", ("bin/migrate", "for i in 1 2 3 4 5 6 7 8 9 10; do echo \"migrating step $i of 10\"; done\n"));
        await sandbox.Faults.DropNextDynoAsync(p.Dev, afterBytes: 30);

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Error.ShouldContain("migrating step 1 of 10");
        r.Error.ShouldNotContain("migrating step 10 of 10");
        r.Error.ShouldContain("error: run: sh bin/migrate", customMessage: r.Error);
        r.Error.ShouldMatch("(lost the connection|without reporting an exit status)");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).ShouldBeEmpty();
    }
}
