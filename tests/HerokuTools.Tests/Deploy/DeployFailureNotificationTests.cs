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
}
