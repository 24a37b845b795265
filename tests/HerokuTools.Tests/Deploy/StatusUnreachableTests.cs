using System.Text.Json.Nodes;
using HerokuTools.Tests.Deploy;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>Issue 4.1: an environment whose app cannot be read shows unknowns, not guesses, and fails the run.</summary>
public class StatusUnreachableTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Dictionary<string, string> Unreachable = new() { ["HEROKU_API_URL"] = "http://127.0.0.1:1" };

    [Fact]
    public async Task The_table_shows_question_marks_and_the_error_on_its_own_line()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "status", "dev") { Environment = Unreachable });

        r.ExitCode.ShouldNotBe(0);
        var dev = r.Out.Split('\n').Single(l => l.StartsWith("dev ", StringComparison.Ordinal));
        var cells = dev.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        cells[^2].ShouldBe("?");
        cells[^1].ShouldBe("?");
        dev.ShouldNotContain("off");
        dev.ShouldNotContain("error");
        r.Error.ShouldContain("error: dev: ");
    }

    [Fact]
    public async Task The_json_has_nulls_and_the_error()
    {
        using var p = await DeployProject.CreateAsync(sandbox);

        var r = await p.RunAsync(new ProgramRun(p.Repo.Path, "status", "dev", "--json") { Environment = Unreachable });

        r.ExitCode.ShouldNotBe(0);
        var dev = JsonNode.Parse(r.Out)!["environments"]!.AsArray().Single()!.AsObject();
        dev.ContainsKey("maintenance").ShouldBeTrue();
        dev["maintenance"].ShouldBeNull();
        dev["pending_migrations"].ShouldBeNull();
        dev["pending_commits"].ShouldBeNull();
        dev["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
