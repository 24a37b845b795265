using HerokuTools.Data.Rules;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.Data;

public sealed class DataSectionTests
{
    private const string Environments = "environments:\n  - {label: live, app_name: a, branch: master}\n";

    [Fact]
    public void Reads_every_rule_kind()
    {
        var rules = DataCopierTests.ParseRules(DataCopierTests.Rules + "\n    extra:\n      where: \"id > 3\"\n      columns:\n        a: null\n        b: hash\n        c: { value: null }\n        d: text\n");
        rules.KeyEnv.ShouldBe("ANON_KEY");
        rules.SkipUnlistedTables.ShouldBeFalse();
        rules.DatabaseVar.ShouldBe("DATABASE_URL");
        var user = rules.Tables["auth_user"].Columns;
        user["id"].Kind.ShouldBe(ColumnRuleKind.Keep);
        user["email"].Fake.ShouldBe(FakeKind.Email);
        user["password"].ShouldBe(new ColumnRule(ColumnRuleKind.Value, "!", Line: user["password"].Line));
        user["notes"].Kind.ShouldBe(ColumnRuleKind.Sql);
        user["notes"].Text.ShouldBe("left(notes, 0)");
        rules.Tables["django_session"].Skip.ShouldBeTrue();
        var extra = rules.Tables["extra"];
        extra.Where.ShouldBe("id > 3");
        extra.Columns["a"].Kind.ShouldBe(ColumnRuleKind.Null);
        extra.Columns["b"].Kind.ShouldBe(ColumnRuleKind.Hash);
        extra.Columns["c"].Kind.ShouldBe(ColumnRuleKind.Null);
        extra.Columns["d"].Fake.ShouldBe(FakeKind.Text);
    }

    [Theory]
    [InlineData("data:\n  tables: {}\n", "4:3", "'data' is missing 'key_env'")]
    [InlineData("data:\n  key_env: K\n  unlisted_tables: maybe\n", "5:20", "must be refuse or skip")]
    [InlineData("data:\n  key_env: K\n  tables:\n    t:\n      columns:\n        a: emial\n", "8:12", "did you mean 'email'?")]
    [InlineData("data:\n  key_env: K\n  tables:\n    t:\n      columns:\n        a: { value: 1, sql: x }\n", "8:12", "exactly one of value, sql")]
    [InlineData("data:\n  key_env: K\n  tables:\n    t:\n      wher: x\n      columns: {}\n", "7:7", "did you mean 'where'?")]
    [InlineData("data:\n  key_env: K\n  tables:\n    t: keep\n", "6:8", "must be skip or a mapping")]
    public void Mistakes_are_reported_with_line_and_column(string yaml, string at, string message)
    {
        var e = Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(Environments + yaml, "heroku-tools.yml"));
        e.Diagnostics.ShouldContain(d => $"{d.Line}:{d.Column}" == at && d.Message.Contains(message), string.Join("\n", e.Diagnostics));
    }
}
