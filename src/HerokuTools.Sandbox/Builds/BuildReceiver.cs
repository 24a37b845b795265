using System.Collections.Concurrent;
using System.Globalization;
using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Git;
using HerokuTools.Sandbox.State;

namespace HerokuTools.Sandbox.Builds;

/// <summary>
/// What a push to main/master does, as on Heroku: the pushed commit becomes a slug and a release ("Deploy
/// &lt;sha7&gt;"); when the Procfile declares a <c>release</c> process it runs first as the release phase, with its
/// output on the pushing terminal, and when it fails the release fails, the push is refused and the app keeps
/// its previous release.
/// </summary>
/// <param name="prepareFolder">Makes an empty folder for a dyno (app, dyno name).</param>
public sealed class BuildReceiver(SandboxState state, IDynoRunner runner, Func<string, string, CancellationToken, Task<string>> prepareFolder)
    : IPushReceiver
{
    private readonly ConcurrentDictionary<string, Action<string>> _releaseOutput = new(StringComparer.Ordinal);

    /// <summary>Hands a detached dyno's log line to the push that waits for it (the release phase).</summary>
    public void OnDynoLogLine(DynoSpec spec, string line)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_releaseOutput.TryGetValue(Key(spec.App, spec.Name), out var sink))
        {
            sink(line);
        }
    }

    public async Task<PushOutcome> ReceiveAsync(PushRequest push, IPushOutput output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(push);
        ArgumentNullException.ThrowIfNull(output);
        var app = state.FindApp(push.App);
        var sha7 = push.Commit[..7];
        await output.WriteLineAsync(BuildLog.Step("Building on the Heroku-24 stack"));
        await output.WriteLineAsync(BuildLog.Step("Using buildpack: heroku-tools sandbox (no compile step)"));

        var types = Procfile.Read(push.SourceDirectory);
        await output.WriteLineAsync(BuildLog.Step("Discovering process types"));
        await output.WriteLineAsync(BuildLog.Detail(types.Count == 0
            ? "Procfile declares types -> (none)"
            : "Procfile declares types -> " + string.Join(", ", types.Keys.Order(StringComparer.Ordinal))));
        await output.WriteLineAsync(BuildLog.Step("Compressing..."));
        await output.WriteLineAsync(BuildLog.Detail("Done"));
        await output.WriteLineAsync(BuildLog.Step("Launching..."));

        var description = $"Deploy {sha7}";
        if (!types.TryGetValue("release", out var releaseCommand))
        {
            var release = state.CreateSlugRelease(app.Id, push.Commit, types, description);
            await output.WriteLineAsync(BuildLog.Detail($"Released v{release.Version.ToString(CultureInfo.InvariantCulture)}"));
            await output.WriteLineAsync(BuildLog.Deployed(new Uri($"https://{app.Name}.herokuapp.com/")));
            return PushOutcome.Accept();
        }

        var pending = state.CreateSlugRelease(app.Id, push.Commit, types, description, "pending");
        var version = pending.Version.ToString(CultureInfo.InvariantCulture);
        await output.WriteLineAsync(BuildLog.Error("Release command declared: this new release will not be available until the command succeeds."));
        await output.WriteLineAsync(BuildLog.Detail($"Released v{version}"));
        await output.WriteLineAsync(BuildLog.Deployed(new Uri($"https://{app.Name}.herokuapp.com/")));
        await output.WriteLineAsync("Running release command...");

        var exit = await RunReleasePhaseAsync(app.Name, push.SourceDirectory, releaseCommand, output, cancellation);
        if (exit == 0)
        {
            state.SetReleaseStatus(app.Id, pending.Id, succeeded: true);
            await output.WriteLineAsync("Waiting for release.... done.");
            return PushOutcome.Accept();
        }

        state.SetReleaseStatus(app.Id, pending.Id, succeeded: false);
        return PushOutcome.Reject($"Release command failed (exit status {exit.ToString(CultureInfo.InvariantCulture)}): v{version} was not released; the app keeps its previous release.");
    }

    private async Task<int> RunReleasePhaseAsync(string app, string source, string command, IPushOutput output, CancellationToken cancellation)
    {
        // The pushed objects are still in git's quarantine: the release dyno gets a copy of the extracted tree.
        var name = $"release.{Random.Shared.Next(1000, 10000).ToString(CultureInfo.InvariantCulture)}";
        var folder = await prepareFolder(app, name, cancellation);
        CopyTree(source, folder);
        var env = new Dictionary<string, string>(state.ConfigVars(app), StringComparer.Ordinal)
        {
            ["DYNO"] = name,
            ["PORT"] = "5000",
        };

        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        _releaseOutput[Key(app, name)] = line => lines.Writer.TryWrite(line);
        try
        {
            var session = runner.Start(new DynoSpec(app, name, command, folder, env, Attach: false));
            var pump = Task.Run(async () =>
            {
                await foreach (var line in lines.Reader.ReadAllAsync(CancellationToken.None))
                {
                    await output.WriteLineAsync(line);
                }
            }, CancellationToken.None);

            int exit;
            try
            {
                exit = await session.Completion.WaitAsync(cancellation);
            }
            catch (OperationCanceledException)
            {
                await session.StopAsync();
                throw;
            }
            finally
            {
                lines.Writer.TryComplete();
                await pump;
            }

            return exit;
        }
        finally
        {
            _releaseOutput.TryRemove(Key(app, name), out _);
            TryDelete(folder);
        }
    }

    private static string Key(string app, string dyno) => app + "\n" + dyno;

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            System.IO.Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            var info = new FileInfo(file);
            if (info.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else
            {
                File.Copy(file, target, overwrite: true);
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
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
}
