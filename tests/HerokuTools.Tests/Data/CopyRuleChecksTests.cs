using System.Text;
using System.Text.RegularExpressions;
using HerokuTools.Common;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>Rules that cannot work are refused before any data moves (file:line), copy-time errors are one line without
/// PostgreSQL's DETAIL, and materialized views arrive populated.</summary>
public sealed class CopyRuleChecksTests(PostgresFixture postgres)
{
    private const string Environments = """
        environments:
          - {label: live, app_name: r-live, branch: master}
          - {label: dev, app_name: r-dev, branch: dev}
        data:
          key_env: ANON_KEY
          tables:

        """;

    private static DataCopyOptions Options(TestDatabase source, TestDatabase target, string tables) =>
        new(DataCopierTests.ParseRules(Environments + tables), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 2 };

    private async Task<(TestDatabase Source, TestDatabase Target)> DatabasesAsync(string sourceSql)
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, sourceSql);
        await DataCopierTests.ExecAsync(target, "CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);");
        return (source, target);
    }

    private const string TightRules = """
            tight:
              columns: {id: keep, email: email, username: username, phone: phone, ip: ip, postcode: postcode, code: hash, first: first_name, last: last_name}
        """;

    private static string Tight(int shorter) => $"""
        CREATE TABLE tight (id int PRIMARY KEY, email varchar({18 - shorter}) UNIQUE NOT NULL, username varchar({13 - shorter}) UNIQUE,
            phone varchar({15 - shorter}), ip varchar({15 - shorter}), postcode varchar({8 - shorter}), code varchar({12 - shorter}),
            first character varying({13 - shorter}) UNIQUE, last varchar(3));
        INSERT INTO tight SELECT i, 'person' || i || '@r.test', 'u' || i, '+1 555 ' || i, '192.168.0.' || (i % 250), 'SW' || i, 'c' || i, 'F' || i, 'Lee'
        FROM generate_series(1, 2000) i;
        """;

    [Fact]
    public async Task Fakes_below_their_minimum_length_are_refused_with_lines()
    {
        var (source, target) = await DatabasesAsync(Tight(shorter: 1));

        var e = await Should.ThrowAsync<DataRulesException>(() => new DataCopier(Options(source, target, TightRules)).RunAsync(TestContext.Current.CancellationToken));

        var messages = e.Problems.Select(p => p.Message).ToList();
        messages.ShouldContain(m => m.StartsWith("tight.email (character varying(17)): 'email' needs at least 18 characters", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.username (character varying(12)): 'username' needs at least 13 characters on a UNIQUE column", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.phone (character varying(14)): 'phone' needs at least 15", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.ip (character varying(14)): 'ip' needs at least 15", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.postcode (character varying(7)): 'postcode' needs at least 8", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.code (character varying(11)): 'hash' needs at least 12", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("tight.first (character varying(12)): 'first_name' needs at least 13", StringComparison.Ordinal));
        messages.Count.ShouldBe(7); // last_name in varchar(3) may be cut
        e.Problems.ShouldAllBe(p => p.Line > 0);
        (await DataCopierTests.QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Fakes_at_their_minimum_length_copy_keeping_their_shape_and_uniqueness()
    {
        var (source, target) = await DatabasesAsync(Tight(shorter: 0));

        var result = await new DataCopier(Options(source, target, TightRules)).RunAsync(TestContext.Current.CancellationToken);

        result.Tables.ShouldAllBe(t => t.CountsMatch);
        var rows = await DataCopierTests.QueryAsync(target, "SELECT email, username, phone, ip, postcode, code, first, last FROM tight");
        rows.Count.ShouldBe(2000);
        rows.ShouldAllBe(r => Regex.IsMatch((string)r[0]!, @"^[0-9a-z]{6}@example\.(com|org|net)$"));
        rows.ShouldAllBe(r => Regex.IsMatch((string)r[2]!, @"^\+44 7700 \d{6}$"));
        rows.ShouldAllBe(r => Regex.IsMatch((string)r[3]!, @"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$"));
        rows.ShouldAllBe(r => Regex.IsMatch((string)r[4]!, @"^[A-Z]{2}\d{1,2} \d[A-Z]{2}$"));
        rows.ShouldAllBe(r => ((string)r[5]!).Length == 12 && ((string)r[7]!).Length <= 3);
        foreach (var unique in new[] { 0, 1, 6 })
        {
            rows.Select(r => r[unique]).Distinct().Count().ShouldBe(2000);
        }
    }

    [Fact]
    public async Task Null_on_a_not_null_column_is_refused_before_anything_moves()
    {
        var (source, target) = await DatabasesAsync("CREATE TABLE person (id int PRIMARY KEY, first_name text NOT NULL); INSERT INTO person VALUES (1, 'Real');");

        var e = await Should.ThrowAsync<DataRulesException>(() => new DataCopier(Options(source, target, """
                person:
                  columns: {id: keep, first_name: null}
            """)).RunAsync(TestContext.Current.CancellationToken));

        e.Problems.ShouldHaveSingleItem().Message.ShouldBe("person.first_name is NOT NULL, so 'null' cannot be loaded into it; use value:, a fake or keep");
        e.Problems[0].Line.ShouldBe(8);
        (await DataCopierTests.QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Values_that_do_not_cast_and_sql_or_where_that_does_not_parse_are_refused_on_the_source()
    {
        var (source, target) = await DatabasesAsync("""
            CREATE TABLE invoice (id int PRIMARY KEY, invoice_no int NOT NULL, note text, total numeric);
            INSERT INTO invoice VALUES (1, 1001, 'private', 5);
            CREATE TABLE fine (id int PRIMARY KEY, note text); INSERT INTO fine VALUES (1, 'x');
            """);

        var e = await Should.ThrowAsync<DataRulesException>(() => new DataCopier(Options(source, target, """
                invoice:
                  where: "no such thing"
                  columns:
                    id: keep
                    invoice_no: { value: "abc" }
                    note: { sql: "this is not sql" }
                    total: { value: "12.5" }
                fine:
                  columns: {id: keep, note: { sql: "upper(note)" }}
            """)).RunAsync(TestContext.Current.CancellationToken));

        var problems = e.Problems.Select(p => (p.Line, p.Message)).ToList();
        problems.ShouldContain((11, "invoice.invoice_no (integer): 'value: abc' does not work on the source: invalid input syntax for type integer: \"abc\""));
        problems.ShouldContain(p => p.Line == 12 && p.Message.StartsWith("invoice.note (text): 'sql: this is not sql' does not work on the source: syntax error", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Line > 0 && p.Message.StartsWith("invoice: 'where: no such thing' does not work on the source: syntax error", StringComparison.Ordinal));
        problems.Count.ShouldBe(3);
        (await DataCopierTests.QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task A_unique_violation_at_copy_time_is_one_line_naming_the_table_and_constraint_without_details()
    {
        var (source, target) = await DatabasesAsync("""
            CREATE TABLE voucher (id int PRIMARY KEY, code text UNIQUE); INSERT INTO voucher SELECT i, 'SECRET-' || i FROM generate_series(1, 50) i;
            """);

        var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target, """
                voucher:
                  columns: {id: keep, code: { value: "same" }}
            """)).RunAsync(TestContext.Current.CancellationToken));

        e.Message.ShouldContain("voucher_code_key");
        e.Message.ShouldContain("voucher");
        e.Message.ShouldNotContain("Detail", Case.Insensitive);
        e.Message.ShouldNotContain("same");
        e.Message.ShouldNotContain("heroku_tools_load");
        e.Message.ShouldNotContain("\n");
        e.Message.ShouldEndWith("dev was left as it was");
        (await DataCopierTests.QueryAsync(target, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Populated_materialized_views_are_refreshed_over_the_anonymised_rows()
    {
        var (source, target) = await DatabasesAsync("""
            CREATE TABLE person (id int PRIMARY KEY, email text NOT NULL);
            INSERT INTO person SELECT i, 'p' || i || '@real.test' FROM generate_series(1, 30) i;
            CREATE MATERIALIZED VIEW person_emails AS SELECT id, email FROM person;
            CREATE UNIQUE INDEX person_emails_id ON person_emails (id);
            CREATE MATERIALIZED VIEW person_count AS SELECT count(*) AS n FROM person_emails;
            CREATE MATERIALIZED VIEW never_filled AS SELECT id FROM person WITH NO DATA;
            """);

        var result = await new DataCopier(Options(source, target, """
                person:
                  columns: {id: keep, email: email}
            """)).RunAsync(TestContext.Current.CancellationToken);

        result.RefreshedViews.ShouldBe(["person_emails", "person_count"]);
        (await DataCopierTests.QueryAsync(target, "SELECT n FROM person_count"))[0][0].ShouldBe(30L);
        var emails = await DataCopierTests.QueryAsync(target, "SELECT v.email, p.email FROM person_emails v JOIN person p USING (id)");
        emails.Count.ShouldBe(30);
        emails.ShouldAllBe(r => Equals(r[0], r[1]) && !((string)r[0]!).Contains("real.test"));
        (await DataCopierTests.QueryAsync(target, "SELECT relispopulated FROM pg_class WHERE relname = 'never_filled'"))[0][0].ShouldBe(false);
    }
}
