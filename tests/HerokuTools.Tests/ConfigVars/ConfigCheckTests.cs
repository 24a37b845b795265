using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>config check: the files validated without Heroku (no API is configured at all).</summary>
public class ConfigCheckTests
{
    private static TempDirectory Project(string configSection = "")
    {
        var dir = new TempDirectory("ht-config-check-");
        dir.Write("heroku-tools.yml", $$"""
            environments:
              - {label: live, app_name: a-live, branch: master}
              - {label: dev, app_name: a-dev, branch: dev}
            {{configSection}}
            """);
        return dir;
    }

    [Fact]
    public async Task Every_problem_of_every_file_is_reported_with_line_and_column()
    {
        using var dir = Project("config:\n  dir: settings\n  required:\n    live: [SENTRY_DSN]\n");
        dir.Write("settings/common.yml", "settings:\n  DEBUG: false\n");
        dir.Write("settings/live.yml", "settings:\n  A: x\n  A: y\n  TOKEN: ${LIVE_TOKEN}\n");
        dir.Write("settings/dev.yml", "settings:\n  B: [1]\n");

        var r = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Out.ShouldBeEmpty();
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("settings/common.yml:2:10: 'DEBUG' is a boolean, not a string; quote it: DEBUG: \"false\"");
        lines.ShouldContain("settings/live.yml:3:3: duplicate key 'A' (first at line 2)");
        lines.ShouldContain("settings/live.yml:1:1: required key 'SENTRY_DSN' is not set (config.required in heroku-tools.yml)");
        lines.ShouldContain("settings/dev.yml:2:6: 'B' must be a string (or null to unset it), found a list");
        lines.Count(l => l.StartsWith("settings/common.yml:2:10", StringComparison.Ordinal)).ShouldBe(1);
        lines[^1].ShouldBe("error: 1 problem in settings/common.yml, 1 in settings/dev.yml, 2 in settings/live.yml");
    }

    [Fact]
    public async Task Unset_references_pass_by_default_and_fail_with_require_env()
    {
        using var dir = Project();
        dir.Write("config/live.yml", "settings:\n  TOKEN: ${LIVE_TOKEN}\n");
        dir.Write("config/dev.yml", "settings:\n  DEBUG: \"true\"\n");

        var secretless = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check");
        var required = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check", "live", "--require-env");
        var resolved = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string> { ["LIVE_TOKEN"] = "t" }, "", "config", "check", "--require-env");
        var json = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check", "--json", "--require-env");

        secretless.ExitCode.ShouldBe(ExitCodes.Success, secretless.Error);
        secretless.Out.ShouldContain("config/live.yml: ok (1 key with common.yml; not set here, needed at push: LIVE_TOKEN)");
        secretless.Out.ShouldContain("config/dev.yml: ok (1 key with common.yml)\n");
        required.ExitCode.ShouldBe(ExitCodes.Usage);
        required.Error.ShouldContain("config/live.yml:2:3: 'TOKEN' needs the environment variable LIVE_TOKEN, which is not set");
        resolved.ExitCode.ShouldBe(ExitCodes.Success, resolved.Error);
        resolved.Out.ShouldContain("config/live.yml: ok (1 key with common.yml)\n");
        resolved.Out.ShouldContain("config/dev.yml: ok");
        json.ExitCode.ShouldBe(ExitCodes.Usage);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("ok").GetBoolean().ShouldBeFalse();
        doc.RootElement.GetProperty("problems")[0].GetProperty("line").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Syntax_problems_and_unset_references_are_all_reported_in_one_run()
    {
        using var dir = Project();
        dir.Write("config/live.yml", "settings:\n  A: a\n");
        dir.Write("config/dev.yml", "settings:\n  DEBUG: \"true\"\n  F: ${UNSET_VAR_X}\n  H: \"${bad name}\"\n  N: 5\n");

        var required = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check", "--require-env");
        var plain = await ProgramRunner.RunAsync(dir.Path, new Dictionary<string, string>(), "", "config", "check");

        required.ExitCode.ShouldBe(ExitCodes.Usage);
        var lines = required.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("config/dev.yml:3:3: 'F' needs the environment variable UNSET_VAR_X, which is not set");
        lines.ShouldContain(l => l.StartsWith("config/dev.yml:4:6: 'H': '${' must start a reference", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("config/dev.yml:5:6: 'N' is a number", StringComparison.Ordinal));
        lines[^1].ShouldBe("error: 3 problems in config/dev.yml");
        plain.ExitCode.ShouldBe(ExitCodes.Usage);
        plain.Error.ShouldNotContain("UNSET_VAR_X");
        plain.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].ShouldBe("error: 2 problems in config/dev.yml");
    }

    [Fact]
    public async Task An_unknown_environment_is_a_usage_error_with_a_suggestion()
    {
        using var dir = Project();
        var r = await ProgramRunner.RunAsync(dir.Path, "config", "check", "lvie");
        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Error.ShouldContain("did you mean 'live'?");
    }
}
