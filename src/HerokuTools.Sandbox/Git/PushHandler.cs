using Microsoft.Extensions.Logging;

namespace HerokuTools.Sandbox.Git;

/// <summary>
/// Heroku's rules for a push, run while the pre-receive hook waits: main/master builds (through the
/// <see cref="IPushReceiver"/>), other refs are stored without a build, a rejected build declines the whole push.
/// Returns the hook's exit status.
/// </summary>
internal sealed partial class PushHandler(GitRepositories repositories, IPushReceiver receiver, TimeSpan buildTimeout, ILogger logger)
{
    public const string NonMainBranchMessage = "Pushed to non-main branch, skipping build.";

    public async Task<int> HandleAsync(string app, HookRequest request, IPushOutput output, CancellationToken cancellation)
    {
        var build = request.Updates.FirstOrDefault(u => u.IsDeployBranch && u.Branch == "main")
            ?? request.Updates.FirstOrDefault(u => u.IsDeployBranch);
        if (build is null)
        {
            await output.WriteLineAsync(NonMainBranchMessage);
            return 0;
        }

        await output.WriteLineAsync("Compressing source files... done.");
        await output.WriteLineAsync("Building source:");
        await output.WriteLineAsync("");

        var outcome = repositories.TryTakeRejection(app, out var injected)
            ? PushOutcome.Reject(injected)
            : await BuildAsync(app, build, request, output, cancellation);

        if (outcome.Accepted)
        {
            await output.WriteLineAsync("");
            await output.WriteLineAsync("Verifying deploy... done.");
            return 0;
        }

        await output.WriteLineAsync(BuildLog.Error(outcome.Message ?? "Build failed."));
        await output.WriteLineAsync(BuildLog.Error("Push failed"));
        await output.WriteLineAsync("Verifying deploy...");
        await output.WriteLineAsync("");
        await output.WriteLineAsync($"!\tPush rejected to {app}.");
        await output.WriteLineAsync("");
        return 1;
    }

    private async Task<PushOutcome> BuildAsync(string app, RefUpdate build, HookRequest request, IPushOutput output, CancellationToken cancellation)
    {
        var gitDir = repositories.PathOf(app);
        var source = Directory.CreateTempSubdirectory("ht-push-").FullName;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(buildTimeout);
        try
        {
            var env = new Dictionary<string, string>(request.GitEnvironment(), StringComparer.Ordinal) { ["GIT_DIR"] = gitDir };
            var message = await GitProcess.RunAsync(["show", "-s", "--format=%B", build.NewSha + "^{commit}"], env, cancellation: timeout.Token);
            if (message.ExitCode != 0)
            {
                return PushOutcome.Reject($"{build.RefName} does not point at a commit.");
            }

            await GitRepositories.ExportAsync(gitDir, build.NewSha, source, request.GitEnvironment(), timeout.Token);
            var push = new PushRequest(app, build, request.Updates, message.Output.TrimEnd('\n'), source);
            return await receiver.ReceiveAsync(push, output, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            return PushOutcome.Reject("Build timed out.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBuildError(logger, app, e);
            return PushOutcome.Reject("The sandbox failed to build this push: " + e.Message);
        }
        finally
        {
            TryDelete(source);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Build of a push to {App} failed")]
    private static partial void LogBuildError(ILogger logger, string app, Exception exception);
}
