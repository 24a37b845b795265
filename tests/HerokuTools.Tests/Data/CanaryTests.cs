using System.Text;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using static HerokuTools.Tests.Data.DataCopierTests;

namespace HerokuTools.Tests.Data;

/// <summary>The canary's sample is spread across a table, not its first rows.</summary>
public sealed class CanaryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_rule_that_leaks_only_after_the_first_rows_is_still_caught()
    {
        // 40,000 rows (~400 pages, so a page sample); the rule masks the first 1,000 rows and lets the rest through.
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await ExecAsync(source, """
            CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL);
            INSERT INTO people SELECT i, 'person' || i || '@real-mail.test' FROM generate_series(1, 40000) i;
            ANALYZE people;
            """);
        await ExecAsync(target, "CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);");
        var rules = ParseRules("""
            environments:
              - {label: live, app_name: a-live, branch: master}
            data:
              key_env: ANON_KEY
              tables:
                people:
                  columns:
                    id: keep
                    email: { sql: "CASE WHEN id <= 1000 THEN 'masked' || id ELSE email END" }
            """);
        var options = new DataCopyOptions(rules, Encoding.UTF8.GetBytes("k"), new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 1 };

        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(options).RunAsync(TestContext.Current.CancellationToken));
        e.Message.ShouldContain("canary check failed");
        e.Message.ShouldContain("people.email");
        (await QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public void Small_tables_are_read_whole_and_big_ones_page_sampled()
    {
        Canary.SampleSource(new TablePlan("small", false, null, [], 64 * 8192)).ShouldBe("\"public\".\"small\"");
        Canary.SampleSource(new TablePlan("big", false, null, [], 3200 * 8192)).ShouldBe("\"public\".\"big\" TABLESAMPLE SYSTEM (1)");
    }
}
