using System.Collections.Concurrent;

namespace HerokuTools.Sandbox.Logs;

/// <summary>One line of an app's log, as Heroku's log router shows it: time, source (app/heroku), dyno, text.</summary>
public sealed record AppLogLine(DateTimeOffset Time, string Source, string Dyno, string Text)
{
    public override string ToString() => $"{Time:yyyy-MM-ddTHH:mm:ss.ffffffzzz} {Source}[{Dyno}]: {Text}";
}

/// <summary>
/// The apps' recent log lines (what detached one-off dynos print, and the sandbox's own events), in memory and
/// bounded per app like Heroku's 1,500-line history; read back through log sessions.
/// </summary>
public sealed class AppLogs(TimeProvider time, int linesPerApp = 1500)
{
    private readonly ConcurrentDictionary<string, Queue<AppLogLine>> _apps = new(StringComparer.Ordinal);

    public void Add(string app, string source, string dyno, string text)
    {
        var queue = _apps.GetOrAdd(app, _ => new Queue<AppLogLine>());
        lock (queue)
        {
            queue.Enqueue(new AppLogLine(time.GetUtcNow(), source, dyno, text));
            while (queue.Count > linesPerApp)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of an app, optionally of one dyno (e.g. <c>run.1234</c>) or
    /// one source (<c>app</c> or <c>heroku</c>).</summary>
    public IReadOnlyList<AppLogLine> Read(string app, int lines, string? dyno = null, string? source = null)
    {
        if (!_apps.TryGetValue(app, out var queue))
        {
            return [];
        }

        AppLogLine[] all;
        lock (queue)
        {
            all = [.. queue];
        }

        var matching = all.Where(l => (dyno is null || l.Dyno == dyno || l.Dyno.StartsWith(dyno + ".", StringComparison.Ordinal))
            && (source is null || l.Source == source)).ToList();
        return matching.Skip(Math.Max(0, matching.Count - lines)).ToList();
    }

    public void Forget(string app) => _apps.TryRemove(app, out _);
}
