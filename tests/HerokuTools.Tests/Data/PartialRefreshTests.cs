using System.Text;
using HerokuTools.Common;
using HerokuTools.Data.Copy;
using static HerokuTools.Tests.Data.DataCopierTests;

namespace HerokuTools.Tests.Data;

/// <summary><c>--tables</c> as a partial refresh against real PostgreSQL: only the listed tables change, in one transaction.</summary>
public sealed class PartialRefreshTests(PostgresFixture postgres)
{
    /// <summary>The target: the source's schema with its own rows (users 1..100, their profiles, two sessions) and a table of its own.</summary>
    private async Task<(TestDatabase Source, TestDatabase Target)> DatabasesAsync()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await ExecAsync(source, SourceSchema);
        await ExecAsync(target, SourceSchema + """
            DELETE FROM profile WHERE user_id > 100; DELETE FROM auth_user WHERE id > 100;
            UPDATE auth_user SET first_name = 'Targetfirst';
            INSERT INTO django_session VALUES ('t2', 'target session');
            CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);
            """);
        return (source, target);
    }

    private static DataCopyOptions Options(TestDatabase source, TestDatabase target, params string[] tables) =>
        new(ParseRules(Rules), Encoding.UTF8.GetBytes("test-key-1"), new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url))
        {
            Jobs = 2,
            OnlyTables = tables,
        };

    private static async Task<string> SnapshotAsync(TestDatabase db) => string.Join('\n',
        (await QueryAsync(db, "SELECT 'u', id, email, first_name FROM auth_user UNION ALL SELECT 'p', id, contact_email, address FROM profile UNION ALL SELECT 's', 0, session_key, session_data FROM django_session ORDER BY 1, 2, 3"))
            .Select(r => string.Join('|', r)));

    [Fact]
    public async Task Refreshes_the_listed_tables_and_leaves_the_others_as_they_were()
    {
        var (source, target) = await DatabasesAsync();
        var result = await new DataCopier(Options(source, target, "auth_user", "profile")).RunAsync(TestContext.Current.CancellationToken);

        result.Plan.Untouched.ShouldBe(["django_session"]);
        result.Tables.Select(t => t.Name).ShouldBe(["auth_user", "profile"]);
        result.Tables.ShouldAllBe(t => t.CountsMatch && t.Rows == 200);
        result.Canary!.Passed.ShouldBeTrue();
        (await QueryAsync(target, "SELECT count(*), count(*) FILTER (WHERE email LIKE '%real-mail%' OR first_name = 'Targetfirst') FROM auth_user"))[0].ShouldBe([200L, 0L]);
        (await QueryAsync(target, "SELECT count(*) FROM auth_user u JOIN profile p ON p.user_id = u.id AND p.contact_email = u.email"))[0][0].ShouldBe(200L);
        (await QueryAsync(target, "SELECT session_key FROM django_session ORDER BY 1")).Select(r => r[0]).ShouldBe(["s1", "t2"]);
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
        (await QueryAsync(target, "SELECT nextval('auth_user_id_seq'), nextval('profile_id_seq')"))[0].ShouldBe([201L, 201L]);
    }

    [Fact]
    public async Task Dry_run_plans_only_the_listed_tables_and_writes_nothing()
    {
        var (source, target) = await DatabasesAsync();
        var before = await SnapshotAsync(target);
        var result = await new DataCopier(Options(source, target, "django_session") with { DryRun = true }).RunAsync(TestContext.Current.CancellationToken);
        result.DryRun.ShouldBeTrue();
        result.Plan.Tables.Select(t => t.Name).ShouldBe(["django_session"]);
        result.Plan.Untouched!.Order().ShouldBe(["auth_user", "profile"]);
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    [Fact]
    public async Task A_table_outside_the_list_referencing_a_listed_one_is_refused()
    {
        var (source, target) = await DatabasesAsync();
        var before = await SnapshotAsync(target);
        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, "auth_user")).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("profile references auth_user");
        e.Message.ShouldContain("add profile to --tables");
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    [Fact]
    public async Task A_foreign_key_violation_rolls_everything_back()
    {
        // The source's profiles point at users 101..200, which the target does not have.
        var (source, target) = await DatabasesAsync();
        var before = await SnapshotAsync(target);
        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, "profile", "django_session")).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("foreign key");
        e.Message.ShouldContain("dev was left as it was");
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    [Fact]
    public async Task An_interrupted_refresh_rolls_everything_back()
    {
        var (source, target) = await DatabasesAsync();
        var before = await SnapshotAsync(target);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var options = Options(source, target, "auth_user", "profile") with { Progress = new CancelAfterFirstTable(cts) };
        await Should.ThrowAsync<OperationCanceledException>(() => new DataCopier(options).RunAsync(cts.Token));
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    [Fact]
    public async Task A_target_schema_that_differs_is_refused()
    {
        var (source, target) = await DatabasesAsync();
        await ExecAsync(target, "ALTER TABLE auth_user DROP COLUMN phone");
        var before = await SnapshotAsync(target);
        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, "auth_user", "profile")).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("the schema of dev differs from live's");
        e.Message.ShouldContain("no column auth_user.phone");
        e.Message.ShouldContain("migrate dev first, or copy everything");
        (await SnapshotAsync(target)).ShouldBe(before);
    }

    private sealed class CancelAfterFirstTable(CancellationTokenSource cts) : IDataCopyProgress
    {
        public void Phase(string text)
        {
        }

        public void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes)
        {
        }

        public void TableDone(TableResult result) => cts.Cancel();
    }
}
