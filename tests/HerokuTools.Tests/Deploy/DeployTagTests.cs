using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>deploy.tag and deploy.push_tags: no tag when switched off; the tag pushed to origin (a local bare repository).</summary>
public class DeployTagTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Tag_false_puts_no_tag_on_the_deployed_commit()
    {
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  tag: false\n");

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        (await p.ReleaseAsync(p.Dev)).Commit.ShouldBe(p.First);
        p.Repo.Run("tag", "--list").ShouldBeEmpty();
        r.Out.ShouldNotContain("tag deploy/");
    }

    [Fact]
    public async Task Push_tags_puts_the_tag_on_origin()
    {
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  push_tags: true\n");
        using var origin = new TempDirectory("ht-origin-");
        p.Repo.Run("init", "-q", "--bare", origin.Path);
        p.Repo.Run("remote", "add", "origin", origin.Path);

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var tag = $"deploy/dev/v{(await p.ReleaseAsync(p.Dev)).Version}";
        r.Out.ShouldContain($"ok   tag {tag}");
        r.Out.ShouldContain("pushed to origin");
        p.Repo.Run("--git-dir", origin.Path, "rev-parse", tag + "^{commit}").Trim().ShouldBe(p.First);
    }

    [Fact]
    public async Task Push_tags_without_an_origin_is_only_a_warning()
    {
        using var p = await DeployProject.CreateAsync(sandbox, "deploy:\n  push_tags: true\n");

        var r = await p.RunAsync("deploy", "dev", "--yes");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var tag = $"deploy/dev/v{(await p.ReleaseAsync(p.Dev)).Version}";
        r.Error.ShouldContain($"warning: tag {tag} not pushed to origin");
        p.Repo.Run("rev-parse", tag + "^{commit}").Trim().ShouldBe(p.First);
    }
}
