using HerokuTools.Data;
using HerokuTools.Data.Schema;

namespace HerokuTools.Tests.Data;

/// <summary>The rules init suggestions on their own: a schema in, a data: section out.</summary>
public sealed class RulesSuggesterTests
{
    private static ColumnSchema Text(string name) => new(name, "text", "text", 'S', false, false);

    private static ColumnSchema Int(string name) => new(name, "integer", "int4", 'N', false, true);

    private static string Suggest(params TableSchema[] tables) =>
        RulesSuggester.Suggest(new DatabaseSchema(tables, []), new Dictionary<string, PersonalContent>());

    /// <summary>The table's line and its indented lines below it.</summary>
    private static string Section(string yaml, string table)
    {
        var lines = yaml.Split('\n').SkipWhile(l => !l.StartsWith($"    {table}:", StringComparison.Ordinal)).ToList();
        lines.ShouldNotBeEmpty(table);
        return string.Join('\n', lines.Take(1).Concat(lines.Skip(1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("django_migrations")]
    [InlineData("schema_migrations")]
    [InlineData("knex_migrations")]
    [InlineData("ar_internal_metadata")]
    [InlineData("django_content_type")]
    [InlineData("auth_permission")]
    public void Bookkeeping_tables_keep_every_column_even_personal_looking_names(string table)
    {
        var yaml = Suggest(new TableSchema(table, [Int("id"), Text("name"), Text("app"), Text("email")], 1),
            new TableSchema("customer", [Int("id"), Text("name")], 1));
        var section = Section(yaml, table);
        section.ShouldContain("name: keep");
        section.ShouldContain("email: keep");
        section.ShouldNotContain("full_name");
        Section(yaml, "customer").ShouldContain("name: full_name");
    }

    [Theory]
    [InlineData("django_session")]
    [InlineData("sessions")]
    [InlineData("user_sessions")]
    public void Session_tables_are_skipped(string table)
    {
        var yaml = Suggest(new TableSchema(table, [Text("session_key"), Text("session_data")], 1));
        yaml.ShouldContain($"    {table}: skip");
        yaml.ShouldNotContain("session_data");
    }

    [Fact]
    public void Tables_that_merely_mention_sessions_or_migrations_are_not_special()
    {
        var yaml = Suggest(new TableSchema("session_bookings", [Int("id"), Text("email")], 1),
            new TableSchema("migrations_notes", [Int("id"), Text("email")], 1));
        Section(yaml, "session_bookings").ShouldContain("email: email");
        Section(yaml, "migrations_notes").ShouldContain("email: email");
    }
}

/// <summary>The demo's sample app (its migrations and bin/migrate's schema_migrations): the suggested rules work as they are.</summary>
public sealed class RulesSuggesterSampleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_demo_sample_needs_no_rewriting_of_the_suggested_rules()
    {
        var db = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(db, HerokuTools.Cli.Sandbox.Demo.SampleProject.InitialFiles["shop/migrations/0001_initial.sql"] + """
            alter table auth_user add column phone text;
            create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now());
            insert into schema_migrations (name) values ('shop.0001_initial'), ('shop.0002_user_phone');
            """);
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var schema = await SchemaReader.ReadAsync(connection, TestContext.Current.CancellationToken);

        var yaml = RulesSuggester.Suggest(schema, new Dictionary<string, PersonalContent>());
        var rules = DataCopierTests.ParseRules("environments:\n  - {label: live, app_name: a, branch: master}\n" + yaml);
        rules.Tables["schema_migrations"].Columns.Values.ShouldAllBe(r => r.Kind == HerokuTools.Data.Rules.ColumnRuleKind.Keep);
        rules.Tables["auth_user"].Columns["email"].Fake.ShouldBe(HerokuTools.Data.Rules.FakeKind.Email);
        rules.Tables["auth_user"].Columns["phone"].Fake.ShouldBe(HerokuTools.Data.Rules.FakeKind.Phone);
        CopyPlanner.Plan(rules, schema).Problems.ShouldBeEmpty();
    }
}
