using System.Diagnostics;
using System.Runtime.Versioning;
using HerokuTools.Sandbox.Postgres;
using Npgsql;

namespace HerokuTools.Sandbox.Tests.Postgres;

/// <summary>Clusters of their own (cold initdb each): restart, leftovers of killed runs, stopping.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PostgresClusterLifecycleTests : IDisposable
{
    private readonly string _directory = TempFolder.NewPath("heroku-tools-pg-life");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => TempFolder.Delete(_directory);

    [Fact]
    public async Task Restart_on_the_same_folder_keeps_data_password_and_port()
    {
        var cold = Stopwatch.StartNew();
        var first = await PostgresCluster.StartAsync(_directory, Cancellation);
        cold.Stop();
        string url;
        await using (first)
        {
            url = await new PostgresProvisioner(first).CreateDatabaseAsync("keeper", Cancellation);
            await Sql(url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('survives')");
            await first.StopAsync(Cancellation);
            first.IsRunning.ShouldBeFalse();
        }

        File.Exists(Path.Combine(_directory, "pgdata", "postmaster.pid")).ShouldBeFalse();
        await Should.ThrowAsync<NpgsqlException>(() => Sql(url, "SELECT 1"));

        var warm = Stopwatch.StartNew();
        await using var second = await PostgresCluster.StartAsync(_directory, Cancellation);
        warm.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"StartAsync: cold (initdb + start) {cold.ElapsedMilliseconds} ms, warm restart {warm.ElapsedMilliseconds} ms");

        second.Port.ShouldBe(first.Port);
        (await Sql(url, "SELECT body FROM notes")).ShouldBe("survives");
    }

    [Fact]
    public async Task The_password_file_is_private_to_the_server_account()
    {
        await using var cluster = await PostgresCluster.StartAsync(_directory, Cancellation);

        var passwordFile = Path.Combine(_directory, "superuser.password");
        File.GetUnixFileMode(passwordFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(passwordFile, Cancellation)).Trim().ShouldBe(cluster.SuperuserPassword);
        File.GetUnixFileMode(_directory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_killed_server_and_a_pid_file_naming_another_live_process_are_recovered_from()
    {
        string url;
        var cluster = await PostgresCluster.StartAsync(_directory, Cancellation);
        await using (cluster)
        {
            url = await new PostgresProvisioner(cluster).CreateDatabaseAsync("crashy", Cancellation);
            await Sql(url, "SET synchronous_commit = on; CREATE TABLE t (n int); INSERT INTO t VALUES (7)");

            // The server dies hard: postmaster.pid stays behind.
            using (var postmaster = Process.GetProcessById(await PostmasterPid()))
            {
                postmaster.Kill();
                await postmaster.WaitForExitAsync(Cancellation);
            }

            File.Exists(cluster.PidFile).ShouldBeTrue();
        }

        await using (var restarted = await PostgresCluster.StartAsync(_directory, Cancellation))
        {
            (await Sql(url, "SELECT n::text FROM t")).ShouldBe("7");
        }

        // A stale postmaster.pid whose number now belongs to some unrelated live process: PostgreSQL alone would refuse.
        using var unrelated = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            var pidFile = Path.Combine(_directory, "pgdata", "postmaster.pid");
            await File.WriteAllTextAsync(pidFile, $"{unrelated.Id}\n{Path.Combine(_directory, "pgdata")}\n", Cancellation);

            await using var again = await PostgresCluster.StartAsync(_directory, Cancellation);

            (await Sql(url, "SELECT n::text FROM t")).ShouldBe("7");
            unrelated.HasExited.ShouldBeFalse();
        }
        finally
        {
            unrelated.Kill();
        }
    }

    [Fact]
    public async Task A_server_left_running_by_a_killed_owner_is_stopped_and_replaced()
    {
        // The first owner "dies" without stopping its server (it is never disposed here).
        var orphaned = await PostgresCluster.StartAsync(_directory, Cancellation);
        var orphanPid = await PostmasterPid();

        await using var replacement = await PostgresCluster.StartAsync(_directory, Cancellation);

        IsRunning(orphanPid).ShouldBeFalse();
        (await PostmasterPid()).ShouldNotBe(orphanPid);
        replacement.IsRunning.ShouldBeTrue();
        GC.KeepAlive(orphaned);
    }

    [Fact]
    public async Task Stop_leaves_no_server_process_and_can_be_called_twice()
    {
        var cluster = await PostgresCluster.StartAsync(_directory, Cancellation);
        var pid = await PostmasterPid();

        await cluster.StopAsync(Cancellation);
        await cluster.DisposeAsync();

        // pg_ctl stop returns once the pid file is gone; the postmaster may take a moment more to leave the process table.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsRunning(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancellation);
        }

        IsRunning(pid).ShouldBeFalse();
        File.Exists(cluster.PidFile).ShouldBeFalse();
    }

    [Fact]
    public async Task A_folder_the_postgres_user_cannot_reach_is_refused_clearly_when_root()
    {
        Assert.SkipUnless(Environment.UserName == "root", "only root hands the server to the postgres user");
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var refused = await Should.ThrowAsync<PostgresClusterException>(
            () => PostgresCluster.StartAsync(Path.Combine(_directory, "inner", "pg"), Cancellation));

        refused.Message.ShouldContain("chmod o+x " + _directory);
    }

    /// <summary>Whether a process runs (a zombie waiting for init to reap it does not).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<int> PostmasterPid() =>
        int.Parse((await File.ReadAllLinesAsync(Path.Combine(_directory, "pgdata", "postmaster.pid"), Cancellation))[0]);

    private static async Task<string?> Sql(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseUrl.Parse(url).ToConnectionString() + ";Pooling=false");
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(Cancellation))?.ToString();
    }
}
