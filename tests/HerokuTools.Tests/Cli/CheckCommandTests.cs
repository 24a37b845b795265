using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Cli;

public class CheckCommandTests
{
    private const string Seed = HerokuTools.Tests.Workflow.WorkflowSamples.Seed;

    [Fact]
    public async Task The_seed_file_is_valid_and_found_from_a_subfolder_via_the_git_top_level()
    {
        using var repo = new GitRepo();
        repo.Write("heroku-tools.yml", Seed);
        repo.Commit("config");
        var sub = Directory.CreateDirectory(Path.Combine(repo.Path, "app", "deep")).FullName;

        var r = await ProgramRunner.RunAsync(sub, "check");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("../../heroku-tools.yml: ok");
        r.Out.ShouldContain("code moves up:   dev -> uat -> live");
        r.Out.ShouldContain("app mapp_app_1, branch master");
    }

    [Fact]
    public async Task Every_problem_is_reported_with_file_line_and_column_and_exit_2()
    {
        using var dir = new TempDirectory();
        dir.Write("heroku-tools.yml", """
            environments:
                - label:    live
                  app_nmae: mapp_app_1
                  branch:   master
                - label:    live
                  app_name: my_app_2
                  branch:   master
            """);

        var r = await ProgramRunner.RunAsync(dir.Path, "check");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Out.ShouldBeEmpty();
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.StartsWith("heroku-tools.yml:3:7: ", StringComparison.Ordinal) && l.Contains("did you mean 'app_name'?"));
        lines.ShouldContain(l => l.StartsWith("heroku-tools.yml:5:17: ", StringComparison.Ordinal) && l.Contains("live"));
        lines[^1].ShouldStartWith("error: ");
        lines[^1].ShouldContain("nothing was done");
    }

    [Fact]
    public async Task Json_reports_problems_as_data()
    {
        using var dir = new TempDirectory();
        dir.Write("heroku-tools.yml", "environments: []\n");

        var r = await ProgramRunner.RunAsync(dir.Path, "check", "--json");

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var problem = doc.RootElement.GetProperty("problems")[0];
        problem.GetProperty("line").GetInt32().ShouldBe(1);
        problem.GetProperty("path").GetString().ShouldBe("heroku-tools.yml");
    }

    [Fact]
    public async Task Json_lists_the_environments_in_promotion_order()
    {
        using var dir = new TempDirectory();
        dir.Write("heroku-tools.yml", Seed);

        var r = await ProgramRunner.RunAsync(dir.Path, "--json", "check");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        doc.RootElement.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("app_name").GetString())
            .ShouldBe(["mapp_app_1", "my_app_2", "my_app_3"]);
    }

    [Fact]
    public async Task A_missing_file_says_where_it_looked_and_how_to_make_one()
    {
        using var dir = new TempDirectory();
        var r = await ProgramRunner.RunAsync(dir.Path, "check");
        r.ExitCode.ShouldBe(ExitCodes.Usage);
        r.Error.ShouldContain("no heroku-tools.yml in the current directory");
        r.Error.ShouldContain("heroku-tools init");
    }

    [Fact]
    public async Task What_init_writes_passes_check()
    {
        using var repo = new GitRepo();
        repo.Commit("initial");
        (await ProgramRunner.RunAsync(repo.Path, "init")).ExitCode.ShouldBe(0);
        var r = await ProgramRunner.RunAsync(repo.Path, "check");
        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("protected");
    }
}
