using HerokuTools.Sandbox.Git;

namespace HerokuTools.Sandbox.Tests.Git;

public class GitPushTests(GitServerFixture server)
{
    [Fact]
    public void Clone_of_a_new_app_is_an_empty_repository()
    {
        var app = GitServerFixture.NewAppName("clone");
        using var client = new GitClient(server.AuthEnvironment(), init: false);

        var run = client.Run("clone", server.UrlOf(app), "work");

        run.ExitCode.ShouldBe(0, run.Err);
        run.Err.ShouldContain("empty repository");
        Directory.Exists(Path.Combine(client.Path, "work", ".git")).ShouldBeTrue();
        server.Repositories.Exists(app).ShouldBeFalse(); // a read answers as an empty repository and creates nothing
    }

    [Fact]
    public void Push_to_master_builds_the_commit_and_streams_the_output_back()
    {
        var app = GitServerFixture.NewAppName("push");
        using var client = new GitClient(server.AuthEnvironment());
        client.Write("README.md", "hello sandbox");
        client.Write("src/app.js", "console.log(1)");
        var sha = client.Commit("First deploy\n\nWith a body.");

        var run = client.Run("push", server.UrlOf(app), "master");

        run.ExitCode.ShouldBe(0, run.Err);
        var push = server.Receiver.PushesTo(app).ShouldHaveSingleItem();
        push.Request.Commit.ShouldBe(sha);
        push.Request.Branch.ShouldBe("master");
        push.Request.Update.IsCreate.ShouldBeTrue();
        push.Request.CommitMessage.ShouldBe("First deploy\n\nWith a body.");
        push.Readme.ShouldBe("hello sandbox");
        push.Files.Keys.ShouldBe(["README.md", Path.Combine("src", "app.js")], ignoreOrder: true);
        run.Err.ShouldContain("remote: -----> Building on the Heroku-24 stack");
        run.Err.ShouldContain("remote:        Released v1");
        run.Err.ShouldContain($"remote:        https://{app}.herokuapp.com/ deployed to Heroku");
        run.Err.ShouldContain("remote: Verifying deploy... done.");
        client.Must("ls-remote", server.UrlOf(app), "refs/heads/master").ShouldStartWith(sha);
    }

    [Fact]
    public void Push_to_main_builds_and_a_clone_checks_out_main()
    {
        var app = GitServerFixture.NewAppName("main");
        using var client = new GitClient(server.AuthEnvironment());
        client.Write("README.md", "on main");
        client.Must("checkout", "-q", "-b", "main");
        var sha = client.Commit("main deploy");

        client.Run("push", server.UrlOf(app), "main").ExitCode.ShouldBe(0);

        server.Receiver.PushesTo(app).ShouldHaveSingleItem().Request.Branch.ShouldBe("main");
        using var other = new GitClient(server.AuthEnvironment(), init: false);
        other.Must("clone", "-q", server.UrlOf(app), "work");
        File.ReadAllText(Path.Combine(other.Path, "work", "README.md")).ShouldBe("on main");
        other.Must("-C", "work", "rev-parse", "HEAD").Trim().ShouldBe(sha);
    }

    [Fact]
    public void Fetch_after_push_gets_the_commit()
    {
        var app = GitServerFixture.NewAppName("fetch");
        using var client = new GitClient(server.AuthEnvironment());
        client.Write("README.md", "v1");
        client.Commit("v1");
        client.Must("push", "-q", server.UrlOf(app), "master");
        client.Write("README.md", "v2");
        var second = client.Commit("v2");
        client.Must("push", "-q", server.UrlOf(app), "master");

        using var other = new GitClient(server.AuthEnvironment());
        other.Must("fetch", "-q", server.UrlOf(app), "master");

        other.Must("rev-parse", "FETCH_HEAD").Trim().ShouldBe(second);
        other.Must("show", "FETCH_HEAD:README.md").ShouldBe("v2");
        var pushes = server.Receiver.PushesTo(app);
        pushes.Count.ShouldBe(2);
        pushes[1].Request.Update.IsCreate.ShouldBeFalse();
        pushes[1].Readme.ShouldBe("v2");
    }

    [Fact]
    public void Rejected_build_fails_the_push_and_leaves_the_ref()
    {
        var app = GitServerFixture.NewAppName("reject");
        using var client = new GitClient(server.AuthEnvironment());
        var first = client.Commit("good");
        client.Must("push", "-q", server.UrlOf(app), "master");
        server.Receiver.Behaviour[app] = _ => "Push rejected, failed to compile Node.js app.";
        client.Write("broken.js", "}");
        client.Commit("bad");

        var run = client.Run("push", server.UrlOf(app), "master");

        run.ExitCode.ShouldNotBe(0);
        run.Err.ShouldContain("pre-receive hook declined");
        run.Err.ShouldContain("remote:  !     Push rejected, failed to compile Node.js app.");
        run.Err.ShouldContain($"Push rejected to {app}.");
        client.Must("ls-remote", server.UrlOf(app), "refs/heads/master").ShouldStartWith(first);
        server.Receiver.PushesTo(app).Count.ShouldBe(2);
    }

    [Fact]
    public void RejectNextPush_fails_one_push_without_calling_the_receiver()
    {
        var app = GitServerFixture.NewAppName("fault");
        using var client = new GitClient(server.AuthEnvironment());
        var sha = client.Commit("first");
        server.Repositories.RejectNextPush(app, "Injected failure");

        var failed = client.Run("push", server.UrlOf(app), "master");
        var retried = client.Run("push", server.UrlOf(app), "master");

        failed.ExitCode.ShouldNotBe(0);
        failed.Err.ShouldContain("Injected failure");
        retried.ExitCode.ShouldBe(0, retried.Err);
        server.Receiver.PushesTo(app).ShouldHaveSingleItem().Request.Commit.ShouldBe(sha);
    }

    [Fact]
    public void Non_fast_forward_is_refused_and_a_forced_push_builds()
    {
        var app = GitServerFixture.NewAppName("force");
        using var client = new GitClient(server.AuthEnvironment());
        client.Commit("one");
        var two = client.Commit("two");
        client.Must("push", "-q", server.UrlOf(app), "master");
        client.Must("reset", "-q", "--hard", "HEAD~1");
        client.Write("other.txt", "rewritten");
        var rewritten = client.Commit("rewritten");

        var refused = client.Run("push", server.UrlOf(app), "master");
        var forced = client.Run("push", "--force", server.UrlOf(app), "master");

        refused.ExitCode.ShouldNotBe(0);
        refused.Err.ShouldContain("rejected");
        forced.ExitCode.ShouldBe(0, forced.Err);
        forced.Err.ShouldContain("remote: Verifying deploy... done.");
        var pushes = server.Receiver.PushesTo(app);
        pushes.Count.ShouldBe(2);
        pushes[1].Request.Commit.ShouldBe(rewritten);
        pushes[1].Request.Update.OldSha.ShouldBe(two);
        client.Must("ls-remote", server.UrlOf(app), "refs/heads/master").ShouldStartWith(rewritten);
    }

    [Fact]
    public void Push_of_another_branch_is_stored_but_not_built()
    {
        var app = GitServerFixture.NewAppName("branch");
        using var client = new GitClient(server.AuthEnvironment());
        client.Must("checkout", "-q", "-b", "feature");
        var sha = client.Commit("feature work");

        var run = client.Run("push", server.UrlOf(app), "feature");

        run.ExitCode.ShouldBe(0, run.Err);
        run.Err.ShouldContain("remote: " + PushHandler.NonMainBranchMessage);
        server.Receiver.PushesTo(app).ShouldBeEmpty();
        client.Must("ls-remote", server.UrlOf(app), "refs/heads/feature").ShouldStartWith(sha);
    }

    [Fact]
    public void Two_apps_are_isolated()
    {
        var first = GitServerFixture.NewAppName("iso-a");
        var second = GitServerFixture.NewAppName("iso-b");
        using var client = new GitClient(server.AuthEnvironment());
        client.Commit("only for a");

        client.Must("push", "-q", server.UrlOf(first), "master");

        client.Must("ls-remote", server.UrlOf(second)).Trim().ShouldBeEmpty();
        server.Receiver.PushesTo(first).Count.ShouldBe(1);
        server.Receiver.PushesTo(second).ShouldBeEmpty();
    }

    [Fact]
    public void A_large_push_streams_through()
    {
        var app = GitServerFixture.NewAppName("large");
        using var client = new GitClient(server.AuthEnvironment());
        for (var i = 0; i < 6; i++)
        {
            client.WriteBytes($"blobs/random{i}.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024 * 1024));
        }

        var sha = client.Commit("6 MB of random data");

        var run = client.Run("push", server.UrlOf(app), "master");

        run.ExitCode.ShouldBe(0, run.Err);
        var push = server.Receiver.PushesTo(app).ShouldHaveSingleItem();
        push.Request.Commit.ShouldBe(sha);
        push.Files.Count.ShouldBe(6);
        push.Files.Values.ShouldAllBe(size => size == 1024 * 1024);
    }

    [Fact]
    public void Unknown_app_is_not_found()
    {
        var app = GitServerFixture.NewAppName("missing");
        server.MissingApps.Add(app);
        using var client = new GitClient(server.AuthEnvironment(), init: false);

        var run = client.Run("ls-remote", server.UrlOf(app));

        run.ExitCode.ShouldNotBe(0);
        run.Err.ShouldContain("not found");
        server.Repositories.Exists(app).ShouldBeFalse();
    }
}
