using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Tests.Support;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>Files in the config folder that no environment reads (typos), and the per-file summary of config check.</summary>
public class StrayConfigFileTests
{
    private static readonly WorkflowEnvironment[] Environments =
    [
        new("live", "shop-live", "master"),
        new("uat", "shop-uat", "master"),
        new("dev", "shop-dev", "dev"),
    ];

    private static TempDirectory Project()
    {
        var dir = new TempDirectory("ht-config-stray-");
        dir.Write("heroku-tools.yml", """
            environments:
              - {label: live, app_name: shop-live, branch: master}
              - {label: uat, app_name: shop-uat, branch: master}
              - {label: dev, app_name: shop-dev, branch: dev}
            """);
        return dir;
    }

    private static IReadOnlyList<StrayConfigFile> Find(TempDirectory dir, string configDir = "config") =>
        StrayConfigFiles.Find(new ConfigFiles(dir.Combine(configDir), p => Path.GetRelativePath(dir.Path, p)), Environments, dir.Combine("heroku-tools.yml"));

    [Fact]
    public void Files_no_environment_reads_are_found_with_the_name_they_probably_meant()
    {
        using var dir = Project();
        foreach (var name in new[] { "live.yml", "common.yml", "uat.yml", "lvie.yml", "production.yml", "Dev.yml", "uat.yaml", "live.env", "comon.yml", "zebra.yml" })
        {
            dir.Write($"config/{name}", "settings:\n  A: b\n");
        }

        dir.Write("config/README.md", "notes");
        dir.Write("config/.hidden.yml", "settings: {}\n");
        dir.Write("config/sub/lvie.yml", "settings: {}\n");

        var strays = Find(dir).ToDictionary(s => s.Path, s => s.Suggestion);

        strays.ShouldBe(new Dictionary<string, string?>
        {
            ["config/Dev.yml"] = "config/dev.yml",
            ["config/comon.yml"] = "config/common.yml",
            ["config/live.env"] = "config/live.yml",
            ["config/lvie.yml"] = "config/live.yml",
            ["config/production.yml"] = "config/live.yml",
            ["config/uat.yaml"] = "config/uat.yml",
            ["config/zebra.yml"] = null,
        }, ignoreOrder: true);
        new StrayConfigFile("config/lvie.yml", "config/live.yml").Message
            .ShouldBe("config/lvie.yml matches no environment, so it is never read; did you mean config/live.yml?");
        new StrayConfigFile("config/zebra.yml", null).Message.ShouldBe("config/zebra.yml matches no environment, so it is never read");
    }

    [Fact]
    public void The_workflow_file_is_not_a_stray_when_the_config_folder_is_the_project_and_a_missing_folder_has_none()
    {
        using var dir = Project();
        dir.Write("live.yml", "settings: {}\n");
        dir.Write("lvie.yml", "settings: {}\n");

        Find(dir, ".").Select(s => s.Path).ShouldBe(["lvie.yml"]);
        Find(dir, "nowhere").ShouldBeEmpty();
    }

    [Fact]
    public void The_summary_names_every_file_with_its_count_in_listing_order()
    {
        WorkflowDiagnostic At(string path, int line) => new(path, line, 1, "x");
        var problems = new[] { At("config/live.yml", 1), At("config/live.yml", 2), At("config/live.yml", 3), At("config/uat.yml", 1) };

        ConfigCheckSummary.Text(problems, []).ShouldBe("3 problems in config/live.yml, 1 in config/uat.yml");
        ConfigCheckSummary.Text([At("config/dev.yml", 4)], []).ShouldBe("1 problem in config/dev.yml");
        ConfigCheckSummary.Text([At("config/dev.yml", 4)], [new StrayConfigFile("config/lvie.yml", "config/live.yml")])
            .ShouldBe("1 problem in config/dev.yml, 1 file matching no environment (config/lvie.yml)");
        ConfigCheckSummary.Text([], [new("config/a.yml", null), new("config/b.yml", null)])
            .ShouldBe("2 files matching no environment (config/a.yml, config/b.yml)");
        ConfigCheckSummary.Text([], []).ShouldBeNull();
    }

    [Fact]
    public async Task Check_warns_about_a_typo_file_naming_the_closest_label_and_exits_1()
    {
        using var dir = Project();
        dir.Write("config/live.yml", "settings:\n  A: b\n");
        dir.Write("config/uat.yml", "settings:\n  A: b\n");
        dir.Write("config/dev.yml", "settings:\n  A: b\n");
        dir.Write("config/lvie.yml", "settings:\n  A: c\n");

        var r = await ProgramRunner.RunAsync(dir.Path, "config", "check");
        var json = await ProgramRunner.RunAsync(dir.Path, "config", "check", "--json");
        File.Delete(dir.Combine("config/lvie.yml"));
        var clean = await ProgramRunner.RunAsync(dir.Path, "config", "check");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Out.ShouldContain("config/live.yml: ok");
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("warning: config/lvie.yml matches no environment, so it is never read; did you mean config/live.yml?");
        lines[^1].ShouldBe("error: 1 file matching no environment (config/lvie.yml)");
        json.ExitCode.ShouldBe(ExitCodes.Failure);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var stray = doc.RootElement.GetProperty("stray_files")[0];
        stray.GetProperty("path").GetString().ShouldBe("config/lvie.yml");
        stray.GetProperty("suggestion").GetString().ShouldBe("config/live.yml");
        clean.ExitCode.ShouldBe(ExitCodes.Success, clean.Error);
        clean.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_summary_counts_problems_per_file_and_problems_outrank_a_stray_for_the_exit_code()
    {
        using var dir = Project();
        dir.Write("config/live.yml", "settings:\n  A: 1\n  B: true\n  C: [x]\n");
        dir.Write("config/uat.yml", "settings:\n  A: 1\n");
        dir.Write("config/dev.yml", "settings:\n  A: b\n");
        dir.Write("config/staging.yml", "settings:\n  A: b\n");

        var r = await ProgramRunner.RunAsync(dir.Path, "config", "check");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("warning: config/staging.yml matches no environment, so it is never read; did you mean config/uat.yml?");
        lines[^1].ShouldBe("error: 3 problems in config/live.yml, 1 in config/uat.yml, 1 file matching no environment (config/staging.yml)");
    }
}
