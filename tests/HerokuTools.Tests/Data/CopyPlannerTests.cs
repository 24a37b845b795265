using HerokuTools.Data;
using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Tests.Data;

/// <summary>The fail-closed planner on its own: rules and a schema in, a plan or the problems out.</summary>
public sealed class CopyPlannerTests
{
    private static readonly DatabaseSchema Schema = new(
    [
        new TableSchema("users", [Col("id", "integer", "int4", 'N'), Col("email", "text", "text", 'S'), Col("joined", "date", "date", 'D'),
            Col("full", "text", "text", 'S', generated: true)], 100) { OwnedSequences = ["users_id_seq"] },
        new TableSchema("orders", [Col("id", "integer", "int4", 'N'), Col("total", "numeric", "numeric", 'N')], 500),
    ], ["users_id_seq"]);

    private static ColumnSchema Col(string name, string type, string typeName, char category, bool generated = false) =>
        new(name, type, typeName, category, generated, false);

    private static DataRules Rules(string tables, bool skipUnlisted = false) =>
        DataCopierTests.ParseRules($"environments:\n  - {{label: a, app_name: b, branch: c}}\ndata:\n  key_env: K\n  unlisted_tables: {(skipUnlisted ? "skip" : "refuse")}\n  tables:\n{tables}");

    [Fact]
    public void Covered_schema_gives_a_plan_biggest_table_first_with_explicit_columns()
    {
        var (plan, problems) = CopyPlanner.Plan(Rules("    users:\n      where: \"id > 1\"\n      columns: {id: keep, email: email, joined: date}\n    orders:\n      columns: {id: keep, total: {value: 0}}\n"), Schema);
        problems.ShouldBeEmpty();
        plan!.Tables.Select(t => t.Name).ShouldBe(["orders", "users"]);
        var users = plan.Tables[1];
        users.PassThrough.ShouldBeFalse();
        users.SelectSql().ShouldBe("SELECT \"id\", \"email\", \"joined\" FROM \"public\".\"users\" WHERE (id > 1)");
        plan.Tables[0].PassThrough.ShouldBeTrue();
        plan.Tables[0].SelectSql().ShouldBe("SELECT \"id\", CAST('0' AS numeric) FROM \"public\".\"orders\"");
    }

    [Fact]
    public void Unlisted_tables_refuse_unless_skip_and_misfit_fakes_are_refused()
    {
        var (plan, problems) = CopyPlanner.Plan(Rules("    users:\n      columns: {id: email, email: email, joined: phone, full: keep}\n"), Schema);
        plan.ShouldBeNull();
        problems.Select(p => p.Message).ShouldBe([
            "users.id: fake 'email' needs a text column, this is integer",
            "users.joined: fake 'phone' needs a text column, this is date",
            "users.full is a generated column (computed in the target, never copied); remove its rule",
            "table orders has no rules (columns: id, total); list it under data.tables, or 'orders: skip'",
        ], ignoreOrder: true);

        var (skipped, none) = CopyPlanner.Plan(Rules("    users:\n      columns: {id: keep, email: email, joined: keep}\n", skipUnlisted: true), Schema);
        none.ShouldBeEmpty();
        skipped!.Tables.Single(t => t.Name == "orders").Skip.ShouldBeTrue();
    }

    [Fact]
    public void Only_tables_is_a_partial_plan_leaving_the_others_out_and_rejects_unknown_names()
    {
        var rules = Rules("    users:\n      columns: {id: keep, email: email, joined: keep}\n");
        var (plan, problems) = CopyPlanner.Plan(rules, Schema, ["users"]);
        problems.ShouldBeEmpty();
        plan!.Tables.Select(t => t.Name).ShouldBe(["users"]);
        plan.IsPartial.ShouldBeTrue();
        plan.Untouched.ShouldBe(["orders"]);
        plan.Sequences.ShouldBe(["users_id_seq"]);
        CopyPlanner.Plan(rules, Schema, ["nope"]).Problems.ShouldContain(p => p.Message.Contains("--tables names nope"));
    }
}
