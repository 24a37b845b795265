using HerokuTools.Tests.Deploy;

namespace HerokuTools.Tests.Deploy;

/// <summary>Issue 4.2 and 4.4: --to takes 3 or v3; a release without code says the range is unknown and warns.</summary>
public class RollbackWithoutCodeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Rolling_back_to_a_release_without_a_slug_says_the_range_is_unknown_and_warns_about_the_database()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var first = (await sandbox.GetAsync($"/apps/{p.Dev}/releases")).AsArray()
            .First(r => r!["slug"] is null)!["version"]!.GetValue<int>();

        var r = await p.RunAsync("rollback", "dev", "--to", $"v{first}", "--dry-run");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain($"to v{first} (no code)");
        r.Error.ShouldContain($"v{first} has no code (no slug)");
        r.Error.ShouldContain("the range of commits rolled back is unknown");
        r.Error.ShouldContain("the database is NOT rolled back");
    }

    [Fact]
    public async Task The_version_is_accepted_with_or_without_a_v()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        p.Commit("Two", ("app.py", "2\n"));
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        var deployed = (await sandbox.GetAsync($"/apps/{p.Dev}/releases")).AsArray()
            .Where(r => r!["slug"] is not null).Select(r => r!["version"]!.GetValue<int>()).Order().ToList();
        var previous = deployed[^2];

        var withV = await p.RunAsync("rollback", "dev", "--to", $"v{previous}", "--dry-run");
        var bare = await p.RunAsync("rollback", "dev", "--to", $"{previous}", "--dry-run");

        withV.ExitCode.ShouldBe(0, withV.Error);
        withV.Out.ShouldContain($"to v{previous} ({p.First[..7]})");
        withV.Out.ShouldContain("Two");
        bare.Out.ShouldBe(withV.Out);
    }
}
