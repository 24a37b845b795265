using System.Collections.Concurrent;
using System.Text;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>The biggest pass-through table loads in key ranges on parallel streams; every row arrives once, the counts
/// are summed over the ranges, and the indexes, constraints and foreign keys built while other tables copy hold.</summary>
public sealed class CopySplitTableTests(PostgresFixture postgres)
{
    private const string Schema = """
        CREATE TABLE customer (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
        INSERT INTO customer (email) SELECT 'c' || i || '@real-mail.test' FROM generate_series(1, 300) i;
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customer(id), total numeric(10,2), open boolean NOT NULL);
        INSERT INTO orders SELECT i * 7 + (i % 5), 1 + i % 300, i / 100.0, i % 4 <> 0 FROM generate_series(1, 5000) i;
        CREATE INDEX orders_customer ON orders(customer_id);
        CREATE TABLE note (id int PRIMARY KEY, order_id bigint REFERENCES orders(id), body text);
        INSERT INTO note SELECT i, i * 7 + (i % 5), 'n' || i FROM generate_series(1, 100) i;
        """;

    private const string Rules = """
        environments:
          - {label: live, app_name: a-live, branch: master}
          - {label: dev, app_name: a-dev, branch: dev}
        data:
          key_env: ANON_KEY
          tables:
            customer:
              columns: {id: keep, email: email}
            orders:
              where: "open"
              columns: {id: keep, customer_id: keep, total: keep, open: keep}
            note:
              columns: {id: keep, order_id: keep, body: keep}
        """;

    [Fact]
    public async Task Split_table_arrives_whole_with_its_indexes_and_keys()
    {
        var source = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, Schema);
        await DataCopierTests.ExecAsync(source, "DELETE FROM note WHERE order_id IN (SELECT id FROM orders WHERE NOT open)");
        var target = await postgres.CreateDatabaseAsync();
        var progress = new Labels();
        var options = new DataCopyOptions(DataCopierTests.ParseRules(Rules), Encoding.UTF8.GetBytes("split-key"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 3, SplitTableMinBytes = 0, Progress = progress };

        var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        progress.Started.Where(l => l.StartsWith("orders (", StringComparison.Ordinal)).Order().ShouldBe(["orders (1/3)", "orders (2/3)", "orders (3/3)"]);
        var orders = result.Tables.Single(t => t.Name == "orders");
        orders.Rows.ShouldBe(3750);
        orders.TargetRows.ShouldBe(3750);
        const string Fingerprint = "SELECT count(*), sum(id), sum(customer_id), sum(total) FROM orders";
        var expected = await DataCopierTests.QueryAsync(source, Fingerprint + " WHERE open");
        (await DataCopierTests.QueryAsync(target, Fingerprint)).ShouldBe(expected);
        var constraints = await DataCopierTests.QueryAsync(target,
            "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = 'public'::regnamespace");
        constraints[0][0].ShouldBe("customer_email_key,customer_pkey,note_order_id_fkey,note_pkey,orders_customer_id_fkey,orders_pkey");
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'orders_customer'"))[0][0].ShouldBe(1L);
    }

    [Fact]
    public void Ranges_cover_every_key_once()
    {
        var ranges = KeyRanges.Split("id", -5, 10, 4);

        ranges.ShouldBe(["id < -1", "id >= -1 AND id < 3", "id >= 3 AND id < 7", "id >= 7"]);
        KeyRanges.Split("id", 1, 2, 4).ShouldBe(["id < 2", "id >= 2"]);
        KeyRanges.Split("id", 5, 5, 4).ShouldBeEmpty();
        KeyRanges.Split("id", long.MinValue, long.MaxValue, 2).ShouldBe(["id < 0", "id >= 0"]);
    }

    private sealed class Labels : IDataCopyProgress
    {
        public ConcurrentBag<string> Started { get; } = [];

        public void Phase(string text)
        {
        }

        public void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes) => Started.Add(table);

        public void TableDone(TableResult result)
        {
        }
    }
}
