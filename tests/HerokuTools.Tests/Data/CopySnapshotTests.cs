using System.Text;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>Every table is read under the one snapshot taken at the start, whatever is committed in the source meanwhile.</summary>
public sealed class CopySnapshotTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Rows_committed_in_the_source_during_the_copy_are_not_copied()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        var committed = 0;
        var options = new DataCopyOptions(DataCopierTests.ParseRules(DataCopierTests.Rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url))
        {
            Jobs = 1, // one stream: the second table is read after the commit below
            SourceTap = s =>
            {
                if (Interlocked.Increment(ref committed) == 1)
                {
                    DataCopierTests.ExecAsync(source, """
                        INSERT INTO auth_user (email, username, first_name, last_name, password, is_active, joined)
                        VALUES ('late@real-mail.test', 'Late', 'Late', 'Comer', 'x', true, now());
                        INSERT INTO profile (user_id) SELECT max(id) FROM auth_user;
                        """).GetAwaiter().GetResult();
                }

                return s;
            },
        };

        var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        committed.ShouldBe(2);
        (await DataCopierTests.QueryAsync(source, "SELECT count(*) FROM profile"))[0][0].ShouldBe(201L);
        result.Tables.Where(t => !t.Skipped).ShouldAllBe(t => t.Rows == 200);
        (await DataCopierTests.QueryAsync(target, "SELECT (SELECT count(*) FROM auth_user), (SELECT count(*) FROM profile)"))[0].ShouldBe([200L, 200L]);
        // Sequences are not transactional (pg_dump reads them the same way): one may be ahead of the snapshot's rows,
        // which only leaves a gap; never behind, so new rows in the copy do not collide.
        ((long)(await DataCopierTests.QueryAsync(target, "SELECT nextval('auth_user_id_seq')"))[0][0]!).ShouldBeGreaterThan(200L);
    }
}
