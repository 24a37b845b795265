using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HerokuTools.Data.Copy;
using HerokuTools.Output;

namespace HerokuTools.Cli.Data;

/// <summary>
/// Progress on standard error: a line per phase and per finished table; on a terminal also a status line redrawn
/// every second (per running table rows, MB, MB/s; overall ETA from the tables' sizes).
/// </summary>
internal sealed class CopyProgress : IDataCopyProgress, IDisposable
{
    private readonly Reporter _reporter;
    private readonly ConcurrentDictionary<string, (BinaryCopyTransformer Transfer, Stopwatch Clock)> _running = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private long _expected;
    private long _done;
    private bool _statusShown;

    public CopyProgress(Reporter reporter)
    {
        _reporter = reporter;
        if (reporter.Host.ErrorIsTerminal && !reporter.Settings.Json)
        {
            _timer = new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public void Phase(string text) => Write(text);

    public void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes)
    {
        Interlocked.Add(ref _expected, Math.Max(expectedBytes, 1));
        _running[table] = (transfer, Stopwatch.StartNew());
    }

    public void TableDone(TableResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _running.TryRemove(result.Name, out _);
        Interlocked.Add(ref _done, result.Bytes);
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);
        Write(string.Create(CultureInfo.InvariantCulture,
            $"  {result.Name}: {result.Rows:N0} rows, {result.Bytes / 1048576.0:F1} MB in {seconds:F1} s ({result.Bytes / 1048576.0 / seconds:F1} MB/s)"));
    }

    public void Stop()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            ClearStatus();
        }
    }

    public void Dispose() => Stop();

    private void Write(string line)
    {
        lock (_lock)
        {
            ClearStatus();
            _reporter.Note(line);
        }
    }

    private void Redraw()
    {
        var running = _running.ToArray();
        if (running.Length == 0)
        {
            return;
        }

        var moved = Interlocked.Read(ref _done) + running.Sum(r => r.Value.Transfer.Bytes);
        var rate = moved / Math.Max(_clock.Elapsed.TotalSeconds, 0.1);
        var remaining = Math.Max(0, Interlocked.Read(ref _expected) - moved);
        var eta = rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : TimeSpan.Zero;
        var parts = running.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Key} {r.Value.Transfer.Rows:N0} rows {r.Value.Transfer.Bytes / 1048576.0:F0} MB {r.Value.Transfer.Bytes / 1048576.0 / Math.Max(r.Value.Clock.Elapsed.TotalSeconds, 0.1):F0} MB/s"));
        var status = $"{string.Join(" | ", parts)} | ETA {eta:mm\\:ss}";
        lock (_lock)
        {
            _reporter.Host.Error.Write("\r\u001b[2K" + status);
            _statusShown = true;
        }
    }

    private void ClearStatus()
    {
        if (_statusShown)
        {
            _reporter.Host.Error.Write("\r\u001b[2K");
            _statusShown = false;
        }
    }
}
