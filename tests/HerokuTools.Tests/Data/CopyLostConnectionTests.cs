using System.Text;
using HerokuTools.Common;
using HerokuTools.Data.Copy;
using Npgsql;

namespace HerokuTools.Tests.Data;

/// <summary>The target's load connection is killed midway (pg_terminate_backend): the copy fails clearly and the target is as it was.</summary>
public sealed class CopyLostConnectionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Losing_the_load_connection_midway_fails_with_one_line_and_leaves_the_target_as_it_was()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(target, """
            CREATE TABLE keepme (x int PRIMARY KEY); INSERT INTO keepme SELECT generate_series(1, 5);
            CREATE TABLE auth_user (id int); INSERT INTO auth_user VALUES (7);
            """);
        var before = await SnapshotAsync(target);
        var killed = 0;
        var options = new DataCopyOptions(DataCopierTests.ParseRules(DataCopierTests.Rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url))
        {
            Jobs = 1,
            // On the first read of the first table's rows, kill the target backend running its COPY ... FROM STDIN.
            SourceTap = s => new KillOnFirstRead(s, async () => killed += await TerminateLoadBackendAsync(target)),
        };

        var thrown = await Should.ThrowAsync<Exception>(() => new DataCopier(options).RunAsync(TestContext.Current.CancellationToken));
        var e = thrown.ShouldBeOfType<ToolException>(thrown.ToString()); // the App renders only these as one line

        killed.ShouldBe(1);
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        e.Message.ShouldNotContain("\n");
        e.Message.ShouldMatch(@"^the copy failed: [^;]*[^.]; dev was left as it was$"); // e.g. "...: Broken pipe; dev was left as it was"
        (await SnapshotAsync(target)).ShouldBe(before);
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'heroku_tools_%'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task Losing_the_connection_during_a_partial_refresh_fails_with_one_line_and_rolls_back()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(target, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(target, "DELETE FROM profile WHERE id % 2 = 0;");
        var before = await SnapshotAsync(target);
        var killed = 0;
        var options = new DataCopyOptions(DataCopierTests.ParseRules(DataCopierTests.Rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url))
        {
            OnlyTables = ["profile"],
            SourceTap = s => new KillOnFirstRead(s, async () => killed += await TerminateLoadBackendAsync(target)),
        };

        var thrown = await Should.ThrowAsync<Exception>(() => new DataCopier(options).RunAsync(TestContext.Current.CancellationToken));
        var e = thrown.ShouldBeOfType<ToolException>(thrown.ToString());

        killed.ShouldBe(1);
        e.ExitCode.ShouldBe(ExitCodes.Failure);
        e.Message.ShouldNotContain("\n");
        e.Message.ShouldMatch(@"^refreshing profile failed: [^;]*[^.]; dev was left as it was$");
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    /// <summary>Every table of public with its rows, as text.</summary>
    private static async Task<List<string>> SnapshotAsync(TestDatabase db)
    {
        var tables = await DataCopierTests.QueryAsync(db, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1");
        var lines = new List<string>();
        foreach (var t in tables)
        {
            var rows = await DataCopierTests.QueryAsync(db, $"SELECT t::text FROM public.\"{t[0]}\" t ORDER BY 1");
            lines.Add($"{t[0]}: {string.Join(", ", rows.Select(r => r[0]))}");
        }

        return lines;
    }

    private static async Task<int> TerminateLoadBackendAsync(TestDatabase target)
    {
        await using var admin = new NpgsqlConnection(target.ConnectionString);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var kill = new NpgsqlCommand("""
            SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY %FROM STDIN%') k
            """, admin);
        return (int)(await kill.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private sealed class KillOnFirstRead(Stream inner, Func<Task> kill) : Stream
    {
        private bool _done;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await kill();
                await Task.Delay(200, cancellationToken); // let the server close the socket
            }

            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
