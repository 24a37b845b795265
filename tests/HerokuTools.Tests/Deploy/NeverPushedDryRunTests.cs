using HerokuTools.Tests.Deploy;

namespace HerokuTools.Tests.Deploy;

/// <summary>Issue 4.6: reading a never-pushed app's git repository (a dry run) creates nothing in the sandbox.</summary>
public class NeverPushedDryRunTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_dry_run_of_a_never_deployed_app_leaves_the_sandbox_state_byte_identical()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        var before = Snapshot();

        var r = await p.RunAsync("deploy", "dev", "--dry-run");

        r.ExitCode.ShouldBe(0, r.Error);
        r.Out.ShouldContain("dry run: nothing was changed");
        Snapshot().ShouldBe(before);
        sandbox.Host.Repositories.Exists(p.Dev).ShouldBeFalse();
        Directory.Exists(sandbox.Host.Repositories.PathOf(p.Dev)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_fetch_from_a_never_pushed_app_sees_an_empty_repository_and_the_first_push_creates_it()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        var env = sandbox.GitAuthEnvironment();

        var lsRemote = p.Repo.Try(env, "ls-remote", sandbox.GitUrl(p.Dev));

        lsRemote.ExitCode.ShouldBe(0, lsRemote.Error);
        lsRemote.Out.Trim().ShouldBeEmpty();
        Directory.Exists(sandbox.Host.Repositories.PathOf(p.Dev)).ShouldBeFalse();

        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        sandbox.Host.Repositories.Exists(p.Dev).ShouldBeTrue();
        p.Repo.Try(env, "ls-remote", sandbox.GitUrl(p.Dev)).Out.ShouldContain(p.First);
    }

    private string Snapshot()
    {
        var state = File.ReadAllText(Path.Combine(sandbox.Host.Directory, "state.json"));
        var root = sandbox.Host.Repositories.Root;
        var files = Directory.Exists(root)
            ? Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => File.Exists(f) ? f + "=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) : f + "/")
            : [];
        return state + "\n" + string.Join("\n", files);
    }
}
