using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Git;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>
/// The app's deploy branch and its head (the push's lease): read in-process from the sandbox's smart-HTTP ref
/// advertisement, the same answer as <c>git ls-remote</c>; git itself for other remotes and whenever the
/// in-process read does not get a clean answer.
/// </summary>
public class HerokuGitRemoteTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private HerokuGitRemote Remote(string app, string? token = null)
    {
        var url = new Uri(sandbox.GitUrl(app));
        token ??= sandbox.Host.Token;
        return new HerokuGitRemote(url, GitAuth.Environment(url, token)) { BasicCredentials = GitAuth.BasicCredentials(token) };
    }

    private static GitCli Git(GitRepo repo) => new(repo.Path, new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" });

    [Fact]
    public async Task The_in_process_read_gives_what_git_ls_remote_gives()
    {
        var app = SandboxFixture.NewAppName("refs");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo("dev");
        repo.Write("a.txt", "1\n");
        var first = repo.Commit("first");
        repo.Write("a.txt", "2\n");
        var second = repo.Commit("second");
        repo.Try(sandbox.GitAuthEnvironment(), "push", "-q", sandbox.GitUrl(app), $"{first}:refs/heads/master", $"{second}:refs/heads/main")
            .ExitCode.ShouldBe(0);
        var remote = Remote(app);

        var heads = (await remote.ReadHeadsOverHttpAsync(TestContext.Current.CancellationToken)).ShouldNotBeNull();
        var lsRemote = repo.Try(sandbox.GitAuthEnvironment(), "ls-remote", sandbox.GitUrl(app));

        lsRemote.ExitCode.ShouldBe(0, lsRemote.Error);
        var expected = lsRemote.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(p => p[1], p => p[0]);
        heads.ShouldBe(expected, ignoreOrder: true);
        heads["refs/heads/main"].ShouldBe(second);
        (await remote.DeployBranchAsync(Git(repo), TestContext.Current.CancellationToken)).ShouldBe(("main", second));
    }

    [Fact]
    public async Task An_app_without_commits_answers_an_empty_list_and_main_is_absent()
    {
        var app = SandboxFixture.NewAppName("empty");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo("dev");

        (await Remote(app).ReadHeadsOverHttpAsync(TestContext.Current.CancellationToken)).ShouldNotBeNull().ShouldBeEmpty();
        (await Remote(app).DeployBranchAsync(Git(repo), TestContext.Current.CancellationToken)).ShouldBe(("main", (string?)null));
    }

    [Fact]
    public async Task A_refused_read_falls_back_to_git_whose_error_is_the_message()
    {
        var app = SandboxFixture.NewAppName("denied");
        await sandbox.CreateAppAsync(app);
        using var repo = new GitRepo("dev");

        (await Remote(app, token: "wrong").ReadHeadsOverHttpAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        (await Remote("no-such-app-here").ReadHeadsOverHttpAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        var denied = await Should.ThrowAsync<ToolException>(() => Remote(app, token: "wrong").DeployBranchAsync(Git(repo), TestContext.Current.CancellationToken));
        var missing = await Should.ThrowAsync<ToolException>(() => Remote("no-such-app-here").DeployBranchAsync(Git(repo), TestContext.Current.CancellationToken));

        denied.Message.ShouldStartWith($"cannot read the app's git repository {sandbox.GitUrl(app)}: ");
        denied.Message.ShouldNotContain("wrong");
        missing.Message.ShouldStartWith("cannot read the app's git repository ");
    }

    [Fact]
    public async Task A_remote_that_is_not_http_is_asked_through_git()
    {
        using var repo = new GitRepo("dev");
        repo.Write("a.txt", "1\n");
        var head = repo.Commit("first");
        using var bare = new TempDirectory("ht-bare-");
        repo.Run("clone", "-q", "--bare", repo.Path, bare.Path + "/app.git");
        repo.Run("--git-dir", bare.Path + "/app.git", "branch", "-m", "dev", "master");
        var url = new Uri("file://" + bare.Path + "/app.git");
        var remote = new HerokuGitRemote(url, new Dictionary<string, string>()) { BasicCredentials = "unused" };

        (await remote.ReadHeadsOverHttpAsync(TestContext.Current.CancellationToken)).ShouldBeNull();
        (await remote.DeployBranchAsync(Git(repo), TestContext.Current.CancellationToken)).ShouldBe(("master", head));
    }
}
