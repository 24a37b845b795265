using HerokuTools.Deploy;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.Deploy;

public class DeploySectionTests
{
    private const string Environments = "environments:\n  - {label: dev, app_name: a, branch: dev}\n";

    [Fact]
    public void Without_a_deploy_section_the_defaults_apply()
    {
        WorkflowLoader.Parse(Environments, "heroku-tools.yml").Deploy.ShouldBe(DeploySettings.Default);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var config = WorkflowLoader.Parse(Environments + """
            deploy:
              triggers:
                migrate: [db/migrate/**, "**/migrations/**"]
                collectstatic: assets/**
              maintenance: always
              on_failure: keep_maintenance
              post_deploy: [python manage.py clear_cache]
              release_notes: docs/releases/{env}-{version}.md
              tag: false
              push_tags: true
              notify:
                - slack: SLACK_URL
                - webhook: HOOK_URL
            """, "heroku-tools.yml").Deploy;

        config.MigrateTriggers.ShouldBe(["db/migrate/**", "**/migrations/**"]);
        config.CollectstaticTriggers.ShouldBe(["assets/**"]);
        config.Maintenance.ShouldBe(MaintenancePolicy.Always);
        config.OnFailure.ShouldBe(FailurePolicy.KeepMaintenance);
        config.PostDeploy.ShouldBe(["python manage.py clear_cache"]);
        config.ReleaseNotes.ShouldBe("docs/releases/{env}-{version}.md");
        config.Tag.ShouldBe("");
        config.PushTags.ShouldBeTrue();
        config.Notify.ShouldBe([new NotifyTarget(NotifyKind.Slack, "SLACK_URL"), new NotifyTarget(NotifyKind.Webhook, "HOOK_URL")]);
    }

    [Theory]
    [InlineData("deploy:\n  maintenance: sometimes\n", "heroku-tools.yml:4:16: 'maintenance' must be one of auto, always, never")]
    [InlineData("deploy:\n  notify:\n    - slack: https://hooks.slack.com/x\n", "heroku-tools.yml:5:14: 'slack' names the environment variable")]
    [InlineData("deploy:\n  triger: {}\n", "heroku-tools.yml:4:3: unknown key 'triger' in 'deploy'; did you mean 'triggers'?")]
    public void Mistakes_point_at_line_and_column(string section, string expected)
    {
        var e = Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(Environments + section, "heroku-tools.yml"));
        e.Diagnostics.Select(d => d.ToString()).ShouldContain(d => d.StartsWith(expected, StringComparison.Ordinal));
    }
}
