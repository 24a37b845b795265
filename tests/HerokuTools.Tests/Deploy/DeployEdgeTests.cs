using System.Text.Json.Nodes;
using HerokuTools.Cli;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Output;
using HerokuTools.Tests.Support;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy when the world moves: someone else deploys, Ctrl-C, a process killed outright, webhooks, promotion.</summary>
public class DeployEdgeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_deploy_by_someone_else_between_plan_and_push_is_refused_not_overwritten()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var mine = p.Commit("Mine", ("mine.py", "1\n"));
        var host = Host(p);
        var reporter = new Reporter(host, new GlobalSettings(null, false, false, false));
        var git = new GitCli(p.Repo.Path, host.Environment);
        using var client = HerokuClient.Create(host, null);
        var workflow = WorkflowLoader.Load(Path.Combine(p.Repo.Path, "heroku-tools.yml"), "heroku-tools.yml");
        var plan = await new DeployPreparer(reporter, git, client, app => HerokuGitRemote.For(host, app))
            .PrepareAsync(workflow, workflow.Environment("dev"), null, new DeployOverrides(), TestContext.Current.CancellationToken);

        // Someone else deploys another commit in between.
        p.Repo.Run("checkout", "-q", "-b", "theirs", p.First);
        var theirs = p.Commit("Theirs", ("theirs.py", "2\n"));
        p.Repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(p.Dev), "+theirs:refs/heads/main").ExitCode.ShouldBe(0);
        p.Repo.Run("checkout", "-q", "dev");

        var services = new DeployServices(reporter, git, client, HerokuGitRemote.For(host, p.Dev),
            new OneOffDyno(client, RendezvousTrust.Client(host)), await MaintenanceJournal.OpenAsync(git, p.Repo.Path, TestContext.Current.CancellationToken),
            new DeployNotifier(host, reporter.Warn), p.Repo.Path);
        var result = await new DeployExecutor(services, workflow.Deploy).RunAsync(plan, "me", null, force: false, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("changed since the plan was made");
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(theirs);

        // --force overrides.
        var forced = await p.RunAsync("deploy", "dev", "--yes", "--force");
        forced.ExitCode.ShouldBe(0, forced.Error);
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(mine);
    }

    [Fact]
    public async Task Ctrl_C_during_the_push_switches_maintenance_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Commit("Slow release phase", ("Procfile", "web: sh app.py\nrelease: sleep 30\n"));
        using var cancel = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            // Once the build's release phase runs (a pending release), the push is in flight: interrupt.
            while (!cancel.IsCancellationRequested)
            {
                var releases = (await sandbox.GetAsync($"/apps/{p.Dev}/releases")).AsArray();
                if (releases.Any(r => r!["status"]!.GetValue<string>() == "pending"))
                {
                    (await p.MaintenanceAsync(p.Dev)).ShouldBeTrue();
                    await cancel.CancelAsync();
                    return;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes", "--maintenance", "always") { Cancellation = cancel.Token });
        await watcher;

        r.ExitCode.ShouldBe(ExitCodes.Interrupted, r.Error);
        r.Error.ShouldContain("interrupted: maintenance off");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deploy_killed_outright_is_reported_by_the_next_run_and_cleared_by_maintenance_off()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        // What a deploy leaves when kill -9 strikes between "maintenance on" and "maintenance off".
        new MaintenanceJournal(Path.Combine(p.Repo.Path, ".git", "heroku-tools")).Record("dev", p.Dev, DateTimeOffset.UtcNow, "deploy of dev");
        await p.SetMaintenanceAsync(p.Dev, true);

        var status = await p.RunAsync("status", "dev");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Out.ShouldContain("ON (stale)");
        status.Error.ShouldContain("did not finish; maintenance is still on: run 'heroku-tools maintenance off dev'");

        var deploy = await p.RunAsync("deploy", "dev", "--dry-run");
        deploy.Error.ShouldContain("did not finish");

        var off = await p.RunAsync("maintenance", "off", "dev");
        off.ExitCode.ShouldBe(0, off.Error);
        off.Error.ShouldContain("cleared the journal entry");
        (await p.MaintenanceAsync(p.Dev)).ShouldBeFalse();
        (await p.RunAsync("status", "dev")).Error.ShouldNotContain("did not finish");
    }

    [Fact]
    public async Task Webhooks_receive_the_summary_and_a_failing_one_is_only_a_warning()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  notify:\n    - slack: TEAM_SLACK_URL\n    - webhook: TEAM_HOOK_URL\n    - webhook: BROKEN_HOOK_URL\n");
        var env = new Dictionary<string, string>
        {
            ["TEAM_SLACK_URL"] = receiver.Url + "slack",
            ["TEAM_HOOK_URL"] = receiver.Url + "hook",
            ["BROKEN_HOOK_URL"] = receiver.Url + "fail",
        };

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes") { Environment = env });

        r.ExitCode.ShouldBe(0, r.Error);
        r.Error.ShouldContain("warning: notify: the webhook in BROKEN_HOOK_URL answered HTTP 500");
        r.Error.ShouldNotContain(receiver.Url);
        var slack = JsonNode.Parse(receiver.Bodies["/slack"])!;
        slack["text"]!.GetValue<string>().ShouldContain($"deployed dev ({p.First[..7]}, 1 commits) to dev ({p.Dev}) v");
        var hook = JsonNode.Parse(receiver.Bodies["/hook"])!;
        hook["succeeded"]!.GetValue<bool>().ShouldBeTrue();
        hook["app"]!.GetValue<string>().ShouldBe(p.Dev);
        hook["to_commit"]!.GetValue<string>().ShouldBe(p.First);
    }

    [Fact]
    public async Task An_environment_with_promote_from_is_deployed_by_promotion()
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
            commands:
              migrate: sh bin/migrate
            """);
        var head = p.Repo.Commit("Promote live from dev");
        var pipeline = await sandbox.SendAsync(HttpMethod.Post, "/pipelines", new JsonObject { ["name"] = SandboxFixture.NewAppName("pipe") });
        foreach (var (app, stage) in new[] { (p.Dev, "development"), (p.Live, "production") })
        {
            await sandbox.SendAsync(HttpMethod.Post, "/pipeline-couplings",
                new JsonObject { ["app"] = app, ["pipeline"] = pipeline["id"]!.GetValue<string>(), ["stage"] = stage });
        }

        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var plan = await p.RunAsync("deploy", "live", "--dry-run", "--json");
        plan.ExitCode.ShouldBe(0, plan.Error);
        var kinds = JsonNode.Parse(plan.Out)!["steps"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ToList();
        kinds.ShouldContain("promote");
        kinds.ShouldContain("migrate"); // the changeset (live's release..dev's release) has migrations
        kinds.ShouldNotContain("push");

        // The promoted slug's code reaches live's one-off dynos too: the migration runs there after the promotion.
        var r = await p.RunAsync("deploy", "live", "--yes");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Error.ShouldContain($"promoted {p.Dev} -> {p.Live}");
        (r.Out + r.Error).ShouldContain("run: sh bin/migrate");
        (await p.ReleaseAsync(p.Live)).Commit.ShouldBe(head);
    }

    private static CliHost Host(DeployProject p)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            env[(string)e.Key] = (string?)e.Value ?? "";
        }

        foreach (var (k, v) in p.Environment())
        {
            env[k] = v;
        }

        return new CliHost
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            In = new StringReader(""),
            Environment = env,
            WorkingDirectory = p.Repo.Path,
        };
    }
}
