using System.Diagnostics;
using System.Globalization;

namespace HerokuTools.Sandbox.Postgres;

/// <summary>
/// Cleans up after a run that did not stop its server: a postmaster still running on our cluster (its owner was
/// killed) is stopped; a postmaster.pid whose process is gone, or whose number now belongs to some other process, is
/// removed (PostgreSQL itself would refuse to start then), as are leftover server processes and socket lock files.
/// </summary>
internal static class LeftoverServer
{
    public static async Task ClearAsync(
        ClusterLayout layout, ServerAccount account, PostgresBinaries binaries, CancellationToken cancellation)
    {
        if (!File.Exists(layout.PidFile))
        {
            return;
        }

        var pid = ReadPid(layout.PidFile);
        if (pid is not null && IsServerProcessIn(pid.Value, layout.PgData))
        {
            var stop = await account.RunAsync(
                binaries.PgCtl, ["stop", "-D", layout.PgData, "-m", "fast", "-w", "-t", "30"],
                "/", cancellation, TimeSpan.FromSeconds(45));
            if (stop.Succeeded)
            {
                return;
            }
        }

        await EndProcessesInAsync(layout.PgData, cancellation);
        File.Delete(layout.PidFile);
        if (layout.SocketDirectory is not null)
        {
            foreach (var lockFile in Directory.GetFiles(layout.SocketDirectory, ".s.PGSQL.*"))
            {
                File.Delete(lockFile);
            }
        }
    }

    /// <summary>Whether the postmaster named in the cluster's postmaster.pid is alive (a server that died leaves the
    /// file behind).</summary>
    public static bool IsRunning(ClusterLayout layout) =>
        File.Exists(layout.PidFile) && ReadPid(layout.PidFile) is { } pid && IsServerProcessIn(pid, layout.PgData);

    private static int? ReadPid(string pidFile)
    {
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether process <paramref name="pid"/> is a PostgreSQL server process of the cluster in
    /// <paramref name="folder"/>: they all run the <c>postgres</c> program with the cluster folder as their working
    /// directory.</summary>
    private static bool IsServerProcessIn(int pid, string folder)
    {
        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
            var program = new FileInfo($"/proc/{pid}/exe").LinkTarget;
            return cwd is not null
                   && program is not null
                   && Path.GetFileName(program) == "postgres"
                   && string.Equals(
                       Path.TrimEndingDirectorySeparator(cwd),
                       Path.TrimEndingDirectorySeparator(folder),
                       StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A killed postmaster's children notice and exit on their own, and PostgreSQL will not start while they
    /// hold its shared memory: wait for them a little, then end them.</summary>
    private static async Task EndProcessesInAsync(string pgData, CancellationToken cancellation)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var pids = ProcessesIn(pgData);
            if (pids.Count == 0)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new PostgresClusterException(
                    $"PostgreSQL processes {string.Join(", ", pids)} of a previous run in {pgData} do not go away; end them and retry.");
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                foreach (var pid in pids)
                {
                    try
                    {
                        using var process = Process.GetProcessById(pid);
                        process.Kill();
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException
                                              or System.ComponentModel.Win32Exception)
                    {
                        // Already gone.
                    }
                }
            }

            await Task.Delay(100, cancellation);
        }
    }

    private static List<int> ProcessesIn(string folder)
    {
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && IsServerProcessIn(pid, folder))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }
}
