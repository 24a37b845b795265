using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Workflow;

/// <summary>Issue 4.5 and 4.7: check warns about unset webhook variables and app names Heroku refuses, and refuses wrong types.</summary>
public class WorkflowValidationWarningsTests
{
    private const string Environments = """
        environments:
          - label: dev
            app_name: acme-dev
            branch: dev

        """;

    private static async Task<ProgramResult> CheckAsync(string yaml, Dictionary<string, string>? env = null, params string[] extra)
    {
        using var dir = new TempDirectory();
        dir.Write("heroku-tools.yml", yaml);
        return await ProgramRunner.RunAsync(new ProgramRun(dir.Path, ["check", .. extra]) { Environment = env });
    }

    [Fact]
    public async Task Check_warns_when_a_notify_variable_is_unset_and_exits_1()
    {
        const string yaml = Environments + "deploy:\n  notify:\n    - slack: REVIEW_UNSET_SLACK_URL\n";

        var unset = await CheckAsync(yaml);
        var set = await CheckAsync(yaml, new() { ["REVIEW_UNSET_SLACK_URL"] = "https://hooks.example.test/x" });
        var json = await CheckAsync(yaml, null, "--json");

        unset.ExitCode.ShouldBe(ExitCodes.Failure);
        unset.Error.ShouldContain("warning: notify: REVIEW_UNSET_SLACK_URL is not set to an http(s) URL");
        unset.Out.ShouldContain("ok, 1 warning");
        set.ExitCode.ShouldBe(ExitCodes.Success, set.Error);
        set.Error.ShouldBeEmpty();
        set.Out.ShouldNotContain("hooks.example.test");
        json.ExitCode.ShouldBe(ExitCodes.Failure);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("warnings")[0].GetString()!.ShouldContain("REVIEW_UNSET_SLACK_URL");
    }

    [Fact]
    public void The_plan_phase_check_names_each_unset_or_non_http_variable()
    {
        var targets = new[] { new NotifyTarget(NotifyKind.Slack, "A_URL"), new NotifyTarget(NotifyKind.Webhook, "B_URL"), new NotifyTarget(NotifyKind.Webhook, "C_URL") };
        var env = new Dictionary<string, string> { ["B_URL"] = "ftp://example.test/", ["C_URL"] = "http://127.0.0.1:9/hook" };

        var problems = DeployNotifier.UnsetTargets(targets, env.GetValueOrDefault);

        problems.Count.ShouldBe(2);
        problems[0].ShouldContain("A_URL");
        problems[1].ShouldContain("B_URL");
        problems.ShouldAllBe(p => !p.Contains("example.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_app_name_Heroku_refuses_is_a_warning_with_its_position_and_the_file_still_loads()
    {
        var r = await CheckAsync("""
            environments:
              - label: dev
                app_name: Bad_Name
                branch: dev
              - label: uat
                app_name: ok-name-2
                branch: master
            """);

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Error.Trim().ShouldBe("heroku-tools.yml:3:15: warning: app_name 'Bad_Name' is not a name Heroku accepts (lowercase letters, digits and dashes, starting with a letter, 3 to 30 characters)");
        r.Out.ShouldContain("app Bad_Name");
    }

    [Theory]
    [InlineData("acme-dev", true)]
    [InlineData("a1-", true)]
    [InlineData("ab", false)]
    [InlineData("1abc", false)]
    [InlineData("mapp_app_1", false)]
    [InlineData("Acme", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234", false)]
    public async Task Heroku_app_name_rule(string name, bool valid)
    {
        var r = await CheckAsync($"environments:\n  - label: dev\n    app_name: {name}\n    branch: dev\n");

        r.ExitCode.ShouldBe(ExitCodes.Success);
        r.Error.Contains("warning: app_name", StringComparison.Ordinal).ShouldBe(!valid);
    }

    [Fact]
    public async Task A_number_for_release_notes_and_a_string_for_post_deploy_are_errors_with_positions()
    {
        var r = await CheckAsync(Environments + """
            deploy:
              release_notes: 5
              post_deploy: python manage.py clear_cache
              tag: true
            """);

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("heroku-tools.yml:6:18: 'release_notes' must be text (a template) or false, found the number 5");
        lines.ShouldContain(l => l.StartsWith("heroku-tools.yml:7:16: 'post_deploy' must be a list of commands", StringComparison.Ordinal));
        lines.ShouldContain("heroku-tools.yml:8:8: 'tag' must be text (a template) or false, found true");
    }
}
