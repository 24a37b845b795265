namespace HerokuTools.Sandbox.Tests.Git;

public class GitPushInterruptedTests(GitServerFixture server)
{
    [Fact]
    public async Task A_killed_push_cancels_the_build_and_leaves_no_process_or_ref()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = GitServerFixture.NewAppName("killed");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Receiver.Pauses[app] = async (_, buildCancellation) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, buildCancellation);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        };
        using var client = new GitClient(server.AuthEnvironment());
        client.Commit("never lands");

        using (var push = client.Start("push", server.UrlOf(app), "master"))
        {
            var drain = Task.WhenAll(push.StandardOutput.ReadToEndAsync(ct), push.StandardError.ReadToEndAsync(ct));
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            ServerProcessesFor(app).ShouldNotBeEmpty(); // http-backend, receive-pack, the hook
            push.Kill(entireProcessTree: true);
            await push.WaitForExitAsync(ct);
            await drain;
        }

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await WaitUntilNoServerProcessFor(app, ct);
        client.Must("ls-remote", server.UrlOf(app)).Trim().ShouldBeEmpty();
    }

    /// <summary>http-backend, receive-pack and the hook of this app's push carry its PATH_INFO in their environment.</summary>
    private static async Task WaitUntilNoServerProcessFor(string app, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string> alive;
        do
        {
            alive = ServerProcessesFor(app);
            if (alive.Count == 0)
            {
                return;
            }

            await Task.Delay(100, ct);
        }
        while (DateTime.UtcNow < deadline);

        alive.ShouldBeEmpty();
    }

    private static List<string> ServerProcessesFor(string app)
    {
        var marker = $"PATH_INFO=/{app}.git/";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
