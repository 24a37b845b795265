using HerokuTools.Data;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>The streams' schedule: a table's indexes as soon as all its loads are done, a foreign key once both its
/// tables are indexed, never two foreign keys on one table at once, the rest left for the end.</summary>
public sealed class CopyWorkQueueTests
{
    private static readonly TablePlan Users = new("users", false, null, [], 10);
    private static readonly TablePlan Orders = new("orders", false, null, [], 100);

    private static readonly PostDataEntry OrdersPkey = new(PostDataKind.Constraint, "orders", null, "orders_pkey");
    private static readonly PostDataEntry OrdersIndex = new(PostDataKind.Index, "orders", null, "orders_user");
    private static readonly PostDataEntry UsersPkey = new(PostDataKind.Constraint, "users", null, "users_pkey");
    private static readonly PostDataEntry OrdersUser = new(PostDataKind.ForeignKey, "orders", "users", "orders_user_fkey");
    private static readonly PostDataEntry UsersBest = new(PostDataKind.ForeignKey, "users", "orders", "users_best_order_fkey");
    private static readonly PostDataEntry Trigger = new(PostDataKind.Other, "orders", null, "audit");
    private static readonly PostDataEntry Elsewhere = new(PostDataKind.Index, "partition_1", null, "partition_1_idx");

    [Fact]
    public async Task Post_data_follows_the_loads_it_needs()
    {
        var loads = new List<LoadWork> { new(Users, null, "users"), new(Orders, "id < 5", "orders (1/2)"), new(Orders, "id >= 5", "orders (2/2)") };
        var queue = new CopyWorkQueue(["users", "orders", "skipped"], loads,
            [OrdersPkey, OrdersIndex, UsersPkey, OrdersUser, UsersBest, Trigger, Elsewhere]);
        var token = TestContext.Current.CancellationToken;

        var users = await queue.NextAsync(token);
        var orders1 = await queue.NextAsync(token);
        users.ShouldBe(loads[0]);
        orders1.ShouldBe(loads[1]);
        queue.Done(users!);
        (await queue.NextAsync(token)).ShouldBe(loads[2]); // loads first
        (await queue.NextAsync(token)).ShouldBe(new PostDataWork(UsersPkey)); // then what is ready

        // Nothing is ready until a stream finishes something: the caller waits.
        var waiting = queue.NextAsync(token);
        await Task.Delay(50, token);
        waiting.IsCompleted.ShouldBeFalse();
        queue.Done(orders1!);
        await Task.Delay(50, token);
        waiting.IsCompleted.ShouldBeFalse(); // orders' second range is still loading
        queue.Done(loads[2]);
        (await waiting).ShouldBe(new PostDataWork(OrdersIndex)); // plain indexes before the constraint that locks the table
        (await queue.NextAsync(token)).ShouldBe(new PostDataWork(OrdersPkey));
        queue.Done(new PostDataWork(UsersPkey));
        queue.Done(new PostDataWork(OrdersIndex));
        var last = queue.NextAsync(token);
        await Task.Delay(50, token);
        last.IsCompleted.ShouldBeFalse(); // the foreign keys wait for orders_pkey
        queue.Done(new PostDataWork(OrdersPkey));
        (await last).ShouldBe(new PostDataWork(OrdersUser));
        var second = queue.NextAsync(token);
        await Task.Delay(50, token);
        second.IsCompleted.ShouldBeFalse(); // the other foreign key on the same tables waits for the first
        queue.Done(new PostDataWork(OrdersUser));
        (await second).ShouldBe(new PostDataWork(UsersBest));
        queue.Done(new PostDataWork(UsersBest));
        (await queue.NextAsync(token)).ShouldBeNull();

        var (indexes, foreignKeys, others) = queue.Leftovers();
        indexes.ShouldBe([Elsewhere]);
        foreignKeys.ShouldBeEmpty();
        others.ShouldBe([Trigger]);
    }

    [Fact]
    public async Task A_table_with_no_loads_and_no_indexes_is_ready_at_once()
    {
        var queue = new CopyWorkQueue(["users", "orders"], [new LoadWork(Users, null, "users")], [OrdersUser]);
        var token = TestContext.Current.CancellationToken;

        // orders has no load (skipped: created empty) and no indexes: indexed at once; users' load completes the pair.
        var users = await queue.NextAsync(token);
        queue.Done(users!);
        (await queue.NextAsync(token)).ShouldBe(new PostDataWork(OrdersUser));
        queue.Leftovers().ForeignKeys.ShouldBeEmpty();
    }
}
