using System.Text;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Schema;
using HerokuTools.Tests.Support;
using static HerokuTools.Tests.Data.DataCopierTests;

namespace HerokuTools.Tests.Data;

/// <summary>
/// rules init finds personal data outside plain text columns (json/jsonb documents, arrays, phone-shaped varchar,
/// address-like names) and never suggests a bare keep for it; the suggested rules copy without letting it through.
/// </summary>
public sealed class RulesInitPersonalDataTests(PostgresFixture postgres)
{
    private const string Orders = """
        CREATE TABLE orders (
            id int PRIMARY KEY,
            extra jsonb NOT NULL,
            payload json,
            guests text[] NOT NULL,
            ship_to text,
            reference varchar(40),
            hotel_name text,
            codes int[],
            labels text[],
            settings jsonb);
        INSERT INTO orders SELECT i,
            jsonb_build_object('email', 'person' || i || '@realcorp.com', 'n', i),
            json_build_object('contact', json_build_object('tel', '+44 7700 9000' || lpad(i::text, 2, '0'))),
            ARRAY['Alice', 'Bob', 'Sarah'],
            i || ' High Street, Leeds',
            '+44 7700 9000' || lpad(i::text, 2, '0'),
            'Grand Hotel ' || i,
            ARRAY[i, i + 1],
            ARRAY['red', 'blue'],
            '{"theme": "dark"}'
        FROM generate_series(1, 60) i;
        """;

    private static async Task<(DatabaseSchema Schema, string Yaml)> SuggestAsync(TestDatabase db)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var schema = await SchemaReader.ReadAsync(connection, TestContext.Current.CancellationToken);
        var contents = await ColumnContentSampler.SampleAsync(connection, schema, TestContext.Current.CancellationToken);
        return (schema, RulesSuggester.Suggest(schema, contents));
    }

    private static string Line(string yaml, string column) =>
        yaml.Split('\n').Single(l => l.StartsWith($"        {column}:", StringComparison.Ordinal));

    [Fact]
    public async Task Json_arrays_phones_and_address_names_get_a_rule_never_a_plain_keep()
    {
        var db = await postgres.CreateDatabaseAsync();
        await ExecAsync(db, Orders);

        var (_, yaml) = await SuggestAsync(db);

        Line(yaml, "extra").ShouldStartWith("        extra: { sql: \"'{}'::jsonb\" }   # REVIEW: looks personal (the values hold email addresses); there is no fake for JSON documents");
        Line(yaml, "payload").ShouldStartWith("        payload: { sql: \"'{}'::json\" }   # REVIEW: looks personal (the values hold phone numbers)");
        Line(yaml, "guests").ShouldStartWith("        guests: { sql: \"'{}'::text[]\" }   # REVIEW: looks personal (the values hold first names); there is no fake for arrays");
        Line(yaml, "ship_to").ShouldBe("        ship_to: address   # REVIEW: looks personal");
        Line(yaml, "reference").ShouldBe("        reference: phone   # REVIEW: looks personal (the values are phone numbers)");
        Line(yaml, "hotel_name").ShouldBe("        hotel_name: keep   # REVIEW");
        Line(yaml, "codes").ShouldBe("        codes: keep   # REVIEW");
        Line(yaml, "labels").ShouldBe("        labels: keep   # REVIEW");
        Line(yaml, "settings").ShouldBe("        settings: keep   # REVIEW");
        yaml.ShouldContain(RulesSuggester.KeepWarning + "\n");
        RulesSuggester.KeepWarning.ShouldContain("canary");
    }

    [Fact]
    public async Task The_suggested_rules_copy_and_nothing_personal_reaches_the_target()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await ExecAsync(source, Orders);
        var (schema, yaml) = await SuggestAsync(source);
        var rules = ParseRules("environments:\n  - {label: live, app_name: a, branch: master}\n" + yaml);
        CopyPlanner.Plan(rules, schema).Problems.ShouldBeEmpty();
        var options = new DataCopyOptions(rules, Encoding.UTF8.GetBytes("k"), new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 1 };

        await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        var rows = await QueryAsync(target, "SELECT count(*), string_agg(extra::text || payload::text || array_to_string(guests, ',') || ship_to || reference, '|') FROM orders");
        rows[0][0].ShouldBe(60L);
        var copied = (string)rows[0][1]!;
        copied.ShouldNotContain("realcorp.com");
        copied.ShouldNotContain("Alice");
        copied.ShouldNotContain("High Street, Leeds");
        copied.ShouldNotContain("+44 7700 900001");
    }

    [Theory]
    [InlineData("billing_address", "address")]
    [InlineData("address_line1", "address")]
    [InlineData("street", "address")]
    [InlineData("city", "address")]
    [InlineData("zip", "postcode")]
    [InlineData("postcode", "postcode")]
    [InlineData("mobile", "phone")]
    [InlineData("tel", "phone")]
    [InlineData("shipTo", "address")]
    [InlineData("ssn", "hash")]
    [InlineData("iban", "hash")]
    [InlineData("dob", "hash")]
    [InlineData("hotel", "keep")]
    [InlineData("intel_score", "keep")]
    [InlineData("zipper_size", "keep")]
    public void Names_that_look_personal_get_a_fake(string column, string rule)
    {
        var schema = new DatabaseSchema([new TableSchema("t", [new ColumnSchema(column, "text", "text", 'S', false, false)], 1)], []);
        var yaml = RulesSuggester.Suggest(schema, new Dictionary<string, PersonalContent>());
        Line(yaml, column).ShouldStartWith($"        {column}: {rule}   # REVIEW");
    }

    [Fact]
    public void A_date_of_birth_column_gets_the_date_shift()
    {
        var schema = new DatabaseSchema([new TableSchema("t", [new ColumnSchema("date_of_birth", "date", "date", 'D', false, false)], 1)], []);
        Line(RulesSuggester.Suggest(schema, new Dictionary<string, PersonalContent>()), "date_of_birth").ShouldStartWith("        date_of_birth: date   # REVIEW");
    }
}

/// <summary>The command itself (through the sandbox): an address name and a JSON column named like personal data are not kept.</summary>
public sealed class RulesInitCommandPersonalDataTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Rules_init_flags_ship_to_and_a_jsonb_named_contact_and_warns_about_keep()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        await ExecAsync(apps.LiveDb, """
            CREATE TABLE shipment (id int PRIMARY KEY, ship_to text, contact_email jsonb, weight int);
            INSERT INTO shipment VALUES (1, '1 High Street', '{"a": 1}', 3);
            """);

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "rules", "init", "live")
        { Environment = new Dictionary<string, string>(sandbox.ClientEnvironment) { ["ANON_KEY"] = "k" } });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("        ship_to: address   # REVIEW: looks personal");
        r.Out.ShouldContain("        contact_email: { sql: \"'{}'::jsonb\" }   # REVIEW: looks personal (its name suggests email data)");
        r.Out.ShouldContain("        weight: keep   # REVIEW");
        r.Out.ShouldContain("canary check does not look at it");
    }
}
