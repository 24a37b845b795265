using System.Text;
using System.Text.Json.Nodes;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Faults;

/// <summary>reject_push and request faults through a real git push, drop_dyno through a real rendezvous client.</summary>
public sealed class PushAndDynoFaultTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await sandbox.Faults.ClearAsync();

    [Fact]
    public async Task A_rejected_push_fails_with_the_message_leaves_the_app_as_it_was_and_the_next_push_builds()
    {
        var app = SandboxFixture.NewAppName("reject");
        var other = SandboxFixture.NewAppName("reject-other");
        await sandbox.CreateAppAsync(app);
        await sandbox.CreateAppAsync(other);
        await sandbox.Faults.RejectNextPushAsync(app, "Injected: the build server is on fire.");
        using var repo = new GitRepo();
        repo.Write("Procfile", "web: true\n");
        var sha = repo.Commit("First");

        var otherPush = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(other), "master");
        var rejected = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");

        otherPush.ExitCode.ShouldBe(0, otherPush.Error);
        rejected.ExitCode.ShouldNotBe(0);
        rejected.Error.ShouldContain("Injected: the build server is on fire.");
        rejected.Error.ShouldContain($"Push rejected to {app}.");
        (await sandbox.Host.Repositories.ReadRefAsync(app, "refs/heads/master", Ct)).ShouldBeNull();
        (await sandbox.GetAsync($"/apps/{app}/releases")).AsArray().Count.ShouldBe(1);
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();

        var accepted = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");
        accepted.ExitCode.ShouldBe(0, accepted.Error);
        (await sandbox.Host.Repositories.ReadRefAsync(app, "refs/heads/master", Ct)).ShouldBe(sha);
    }

    [Fact]
    public async Task Request_faults_reach_git_over_http_too()
    {
        var app = SandboxFixture.NewAppName("gitfail");
        await sandbox.CreateAppAsync(app);
        await sandbox.Faults.FailNextAsync("POST", "/git/*/git-receive-pack", 503);
        using var repo = new GitRepo();
        var sha = repo.Commit("First");

        var failed = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");

        failed.ExitCode.ShouldNotBe(0);
        failed.Error.ShouldContain("503");
        (await sandbox.Host.Repositories.ReadRefAsync(app, "refs/heads/master", Ct)).ShouldBeNull();
        var retried = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");
        retried.ExitCode.ShouldBe(0, retried.Error);
        (await sandbox.Host.Repositories.ReadRefAsync(app, "refs/heads/master", Ct)).ShouldBe(sha);
    }

    [Fact]
    public async Task A_dropped_dyno_connection_ends_after_the_given_bytes_and_the_next_dyno_runs_whole()
    {
        var app = SandboxFixture.NewAppName("dropdyno");
        await sandbox.CreateAppAsync(app);
        await sandbox.Faults.DropNextDynoAsync(app, afterBytes: 6);
        const string command = "echo 0123456789; sleep 0.3; echo after-the-drop";

        var (dropped, droppedStatus) = await RunAttachedAsync(app, command);

        dropped.ShouldBe("012345");
        droppedStatus.ShouldBeNull();
        (await sandbox.Faults.ListAsync()).ShouldBeEmpty();

        var (whole, status) = await RunAttachedAsync(app, ExitStatusMarker.AppendTo(command));
        whole.ShouldBe("0123456789\nafter-the-drop\n");
        status.ShouldBe(0);
    }

    private async Task<(string Output, int? Status)> RunAttachedAsync(string app, string command)
    {
        var dyno = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/dynos", new JsonObject { ["command"] = command, ["attach"] = true });
        var output = new MemoryStream();
        int? status;
        try
        {
            status = await RendezvousClient.TrustingPemFile(sandbox.Host.CertificatePath)
                .AttachAsync(dyno["attach_url"]!.GetValue<string>(), output, null, Ct);
        }
        catch (IOException)
        {
            status = null;
        }

        return (Encoding.UTF8.GetString(output.ToArray()), status);
    }
}
