using System.Text.Json.Nodes;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>The webhooks hear about a failed deploy too, with the error.</summary>
public class DeployFailureNotificationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_failed_deploy_is_posted_to_the_webhooks_as_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  notify:\n    - slack: TEAM_SLACK_URL\n    - webhook: TEAM_HOOK_URL\n");
        p.Commit("Broken migration", ("bin/migrate", "echo 'relation does not exist'; exit 3\n"));
        var env = new Dictionary<string, string>
        {
            ["TEAM_SLACK_URL"] = receiver.Url + "slack",
            ["TEAM_HOOK_URL"] = receiver.Url + "hook",
        };

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "deploy", "dev", "--yes") { Environment = env });

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Out.ShouldContain("ok   notify");
        var hook = JsonNode.Parse(receiver.Bodies["/hook"])!;
        hook["succeeded"]!.GetValue<bool>().ShouldBeFalse();
        hook["app"]!.GetValue<string>().ShouldBe(p.Dev);
        hook["error"]!.GetValue<string>().ShouldContain("'sh bin/migrate' exited with status 3");
        var slack = JsonNode.Parse(receiver.Bodies["/slack"])!["text"]!.GetValue<string>();
        slack.ShouldContain("FAILED");
        slack.ShouldContain(p.Dev);
    }

    [Fact]
    public async Task A_webhook_whose_variable_is_unset_is_warned_about_with_the_plan_and_is_a_warning_not_a_failure()
    {
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  notify:\n    - webhook: UNSET_HOOK_URL_FOR_TEST\n");

        var dry = await p.RunAsync("deploy", "dev", "--dry-run");
        var real = await p.RunAsync("deploy", "dev", "--yes");

        dry.ExitCode.ShouldBe(ExitCodes.Success, dry.Error);
        dry.Error.ShouldContain("UNSET_HOOK_URL_FOR_TEST");
        real.ExitCode.ShouldBe(ExitCodes.Success, real.Error);
        real.Out.ShouldContain("warn notify");
        real.Out.ShouldNotContain("FAIL", Case.Sensitive);
    }
}
