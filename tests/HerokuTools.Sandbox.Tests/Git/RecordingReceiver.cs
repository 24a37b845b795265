using System.Collections.Concurrent;
using HerokuTools.Sandbox.Git;

namespace HerokuTools.Sandbox.Tests.Git;

/// <summary>A stand-in for the sandbox state: records each push (and a copy of its files), writes Heroku-like lines,
/// and accepts unless told otherwise for an app.</summary>
public sealed class RecordingReceiver : IPushReceiver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedPush>> _pushes = new();

    /// <summary>Per app: returns a rejection message, or null to accept. Runs during the build.</summary>
    public ConcurrentDictionary<string, Func<PushRequest, string?>> Behaviour { get; } = new();

    /// <summary>Per app: awaited at the start of the build, with the build's cancellation.</summary>
    public ConcurrentDictionary<string, Func<PushRequest, CancellationToken, Task>> Pauses { get; } = new();

    public IReadOnlyList<ReceivedPush> PushesTo(string app) => _pushes.TryGetValue(app, out var q) ? [.. q] : [];

    public async Task<PushOutcome> ReceiveAsync(PushRequest push, IPushOutput output, CancellationToken cancellation)
    {
        if (Pauses.TryGetValue(push.App, out var pause))
        {
            await pause(push, cancellation);
        }

        var files = Directory.EnumerateFiles(push.SourceDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(push.SourceDirectory, f), f => new FileInfo(f).Length);
        var readme = Path.Combine(push.SourceDirectory, "README.md");
        var readmeText = File.Exists(readme) ? await File.ReadAllTextAsync(readme, cancellation) : null;
        var reject = Behaviour.TryGetValue(push.App, out var behave) ? behave(push) : null;
        _pushes.GetOrAdd(push.App, _ => new()).Enqueue(new ReceivedPush(push, files, readmeText));

        await output.WriteLineAsync(BuildLog.Step("Building on the Heroku-24 stack"));
        if (reject is not null)
        {
            await output.WriteLineAsync(BuildLog.Step("App not compatible with buildpack"));
            return PushOutcome.Reject(reject);
        }

        await output.WriteLineAsync(BuildLog.Step("Launching..."));
        var version = PushesTo(push.App).Count;
        await output.WriteLineAsync(BuildLog.Detail($"Released v{version}"));
        await output.WriteLineAsync(BuildLog.Deployed(new Uri($"https://{push.App}.herokuapp.com/")));
        return PushOutcome.Accept();
    }
}

public sealed record ReceivedPush(PushRequest Request, IReadOnlyDictionary<string, long> Files, string? Readme);
