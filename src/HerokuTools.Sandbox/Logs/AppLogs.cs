using System.Collections.Concurrent;

namespace HerokuTools.Sandbox.Logs;

/// <summary>One line of an app's log, as Heroku's log router shows it: time, source (app/heroku), dyno, text.</summary>
public sealed record AppLogLine(DateTimeOffset Time, string Source, string Dyno, string Text)
{
    public override string ToString() => $"{Time:yyyy-MM-ddTHH:mm:ss.ffffffzzz} {Source}[{Dyno}]: {Text}";
}

/// <summary>
/// The apps' recent log lines (what one-off dynos print, and the platform's own events such as releases), in memory
/// and bounded per app like Heroku's 1,500-line history; read back through log sessions. Every line gets a rising
/// sequence number, so a tailing reader can ask for what came after the last line it saw.
/// </summary>
public sealed class AppLogs(TimeProvider time, int linesPerApp = 1500)
{
    private readonly ConcurrentDictionary<string, Queue<(long Sequence, AppLogLine Line)>> _apps = new(StringComparer.Ordinal);
    private long _sequence;

    public void Add(string app, string source, string dyno, string text)
    {
        var queue = _apps.GetOrAdd(app, _ => new Queue<(long, AppLogLine)>());
        lock (queue)
        {
            queue.Enqueue((Interlocked.Increment(ref _sequence), new AppLogLine(time.GetUtcNow(), source, dyno, text)));
            while (queue.Count > linesPerApp)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of an app, optionally of one dyno (e.g. <c>run.1234</c>, or a
    /// process type such as <c>run</c>) or one source (<c>app</c> or <c>heroku</c>).</summary>
    public IReadOnlyList<AppLogLine> Read(string app, int lines, string? dyno = null, string? source = null) =>
        Read(app, lines, dyno, source, out _);

    /// <summary>As <see cref="Read(string, int, string?, string?)"/>, with the sequence number to tail from.</summary>
    public IReadOnlyList<AppLogLine> Read(string app, int lines, string? dyno, string? source, out long last)
    {
        var all = ReadAfter(app, 0, dyno, source, out last);
        return all.Count > lines ? [.. all.Skip(all.Count - lines)] : all;
    }

    /// <summary>The matching lines added after sequence number <paramref name="after"/> (0: all kept), and the
    /// sequence number of the newest line looked at (pass it back to read on).</summary>
    public IReadOnlyList<AppLogLine> ReadAfter(string app, long after, string? dyno, string? source, out long last)
    {
        last = after;
        if (!_apps.TryGetValue(app, out var queue))
        {
            return [];
        }

        (long Sequence, AppLogLine Line)[] all;
        lock (queue)
        {
            all = [.. queue];
        }

        if (all.Length > 0)
        {
            last = Math.Max(after, all[^1].Sequence);
        }

        return [.. all.Where(e => e.Sequence > after).Select(e => e.Line)
            .Where(l => (dyno is null || l.Dyno == dyno || l.Dyno.StartsWith(dyno + ".", StringComparison.Ordinal))
                && (source is null || l.Source == source))];
    }

    public void Forget(string app) => _apps.TryRemove(app, out _);
}
