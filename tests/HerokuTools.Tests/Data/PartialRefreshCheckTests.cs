using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Tests.Data;

/// <summary>The partial refresh's pure parts: refusals and the load order.</summary>
public sealed class PartialRefreshCheckTests
{
    private static readonly ColumnRule Keep = new(ColumnRuleKind.Keep);

    private static TablePlan Table(string name) =>
        new(name, false, null, [new ColumnPlan(new ColumnSchema("id", "integer", "int4", 'N', false, true), Keep)], 1);

    [Fact]
    public void Parents_load_before_the_tables_that_reference_them()
    {
        ForeignKey[] keys = [new("f1", "order_line", "orders"), new("f2", "orders", "users"), new("f3", "users", "users")];
        PartialRefreshCheck.ParentsFirst([Table("order_line"), Table("orders"), Table("users")], keys)
            .Select(t => t.Name).ShouldBe(["users", "orders", "order_line"]);
    }

    [Fact]
    public void Refuses_a_missing_column_or_a_reference_from_outside_the_list()
    {
        var plan = new CopyPlan([Table("users")], ["users_id_seq"]) { Untouched = ["orders"] };
        var target = new DatabaseSchema([new TableSchema("users", [new ColumnSchema("id", "integer", "int4", 'N', false, true)], 1)], ["users_id_seq"]);
        PartialRefreshCheck.Refusal(plan, target, [], "live", "uat").ShouldBeNull();
        PartialRefreshCheck.Refusal(plan, target, [new("orders_user_fk", "orders", "users")], "live", "uat")
            .ShouldBe("orders references users (orders_user_fk) in uat, and orders is not in --tables; add orders to --tables");
        var bigint = new DatabaseSchema([new TableSchema("users", [new ColumnSchema("id", "bigint", "int8", 'N', false, true)], 1)], []);
        PartialRefreshCheck.Refusal(plan, bigint, [], "live", "uat")
            .ShouldBe("the schema of uat differs from live's for these tables (users.id is bigint, not integer; no sequence users_id_seq); migrate uat first, or copy everything (without --tables)");
    }
}
