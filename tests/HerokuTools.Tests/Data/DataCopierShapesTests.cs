using System.Text;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>Table and column shapes the fast load path must handle: short varchar(n) under long fakes, partitioned tables.</summary>
public sealed class DataCopierShapesTests(PostgresFixture postgres)
{
    private const string Schema = """
        CREATE TABLE member (id int PRIMARY KEY, email varchar(18) NOT NULL, name character varying(5), code char(12), note text);
        INSERT INTO member SELECT i, 'm' || i || '@x.test', 'Name' || (i % 10), 'C' || (i % 100), 'note ' || i FROM generate_series(1, 300) i;
        CREATE TABLE event (id int NOT NULL, at date NOT NULL, member_id int REFERENCES member(id)) PARTITION BY RANGE (at);
        CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE INDEX event_member ON event (member_id);
        INSERT INTO event SELECT i, '2024-06-01'::date + (i % 400), 1 + i % 300 FROM generate_series(1, 1000) i;
        """;

    private const string Rules = """
        environments:
          - {label: live, app_name: s-live, branch: master}
          - {label: dev, app_name: s-dev, branch: dev}
        data:
          key_env: ANON_KEY
          tables:
            member:
              columns: {id: keep, email: email, name: full_name, code: hash, note: text}
            event:
              columns: {id: keep, at: keep, member_id: keep}
        """;

    [Fact]
    public async Task Fakes_are_cut_to_the_column_length_and_partitioned_tables_load()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, Schema);
        var options = new DataCopyOptions(DataCopierTests.ParseRules(Rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 2 };

        var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        result.Tables.ShouldAllBe(t => t.CountsMatch);
        result.Tables.Single(t => t.Name == "event").TargetRows.ShouldBe(1000);
        var members = await DataCopierTests.QueryAsync(target, "SELECT email, name, code, note FROM member ORDER BY id");
        members.Count.ShouldBe(300);
        members.ShouldAllBe(m => ((string)m[0]!).Length <= 18 && ((string)m[1]!).Length <= 5 && ((string)m[2]!).Length == 12);
        members.Select(m => (string)m[0]!).ShouldNotContain(e => e.EndsWith("x.test", StringComparison.Ordinal));
        members.Select(m => (string)m[1]!).ShouldContain(n => n.Length == 5); // full names are longer than 5: they were cut
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM event_2025"))[0][0].ShouldBe(
            (await DataCopierTests.QueryAsync(source, "SELECT count(*) FROM event_2025"))[0][0]);
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM pg_indexes WHERE indexname = 'event_member'"))[0][0].ShouldBe(1L);
    }

    [Fact]
    public async Task Short_unique_columns_keep_distinct_fakes_that_fit()
    {
        // Django-like but tight: usernames of at most 13 characters (the least a UNIQUE fake is allowed), emails of 24, a unique display name of 16.
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, """
            CREATE TABLE account (id int PRIMARY KEY, username varchar(13) UNIQUE NOT NULL, email varchar(24) UNIQUE NOT NULL,
                                  display character varying(16) UNIQUE, phone varchar(40));
            INSERT INTO account SELECT i, 'u' || i, 'person' || i || '@real.test', 'Person ' || i, '+1 555 ' || i FROM generate_series(1, 3000) i;
            """);
        var rules = """
            environments:
              - {label: live, app_name: s-live, branch: master}
              - {label: dev, app_name: s-dev, branch: dev}
            data:
              key_env: ANON_KEY
              tables:
                account:
                  columns: {id: keep, username: username, email: email, display: full_name, phone: phone}
            """;
        var options = new DataCopyOptions(DataCopierTests.ParseRules(rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 2 };

        var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        result.Tables.ShouldAllBe(t => t.CountsMatch);
        var rows = await DataCopierTests.QueryAsync(target, "SELECT username, email, display FROM account");
        rows.Count.ShouldBe(3000);
        rows.Select(r => (string)r[0]!).ShouldAllBe(u => u.Length == 12 && !System.Text.RegularExpressions.Regex.IsMatch(u, @"^u\d+$"));
        rows.Select(r => (string)r[1]!).ShouldAllBe(e => e.Length <= 24 && System.Text.RegularExpressions.Regex.IsMatch(e, @"^[0-9a-z]{8,12}@example\.(com|org|net)$"));
        rows.Select(r => (string)r[2]!).ShouldAllBe(d => d.Length <= 16 && d.Contains(' ', StringComparison.Ordinal));
        rows.Select(r => (string)r[0]!).Distinct().Count().ShouldBe(3000);
        rows.Select(r => (string)r[1]!).Distinct().Count().ShouldBe(3000);
        rows.Select(r => (string)r[2]!).Distinct().Count().ShouldBe(3000);
    }
}
