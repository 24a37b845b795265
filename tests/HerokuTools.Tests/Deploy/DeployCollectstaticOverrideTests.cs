using System.Text.Json.Nodes;
using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>--collectstatic / --no-collectstatic beat what the changeset says.</summary>
public class DeployCollectstaticOverrideTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task No_collectstatic_skips_it_for_a_static_change_and_collectstatic_runs_it_for_a_plain_one()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);

        p.Commit("Restyle", ("static/site.css", "body { color: red }\n"));
        var skipped = await p.RunAsync("deploy", "dev", "--yes", "--no-collectstatic", "--json");
        skipped.ExitCode.ShouldBe(ExitCodes.Success, skipped.Error);
        Kinds(skipped.Out).ShouldNotContain("collectstatic");
        skipped.Error.ShouldNotContain("COLLECTSTATIC ran");

        p.Commit("Plain change", ("app.py", "print('v2')\n"));
        var forced = await p.RunAsync("deploy", "dev", "--yes", "--collectstatic", "--json");
        forced.ExitCode.ShouldBe(ExitCodes.Success, forced.Error);
        Kinds(forced.Out).ShouldContain("collectstatic");
        forced.Error.ShouldContain("COLLECTSTATIC ran");

        var both = await p.RunAsync("deploy", "dev", "--dry-run", "--collectstatic", "--no-collectstatic");
        both.ExitCode.ShouldBe(ExitCodes.Usage);
        both.Error.ShouldContain("--collectstatic and --no-collectstatic contradict each other");
    }

    private static List<string> Kinds(string json) =>
        JsonNode.Parse(json)!["steps"]!.AsArray().Select(s => s!["kind"]!.GetValue<string>()).ToList();
}
