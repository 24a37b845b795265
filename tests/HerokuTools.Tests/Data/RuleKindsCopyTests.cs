using System.Text;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Masking;
using HerokuTools.Data.Rules;

namespace HerokuTools.Tests.Data;

/// <summary>The rule kinds null, full_name, text and hash, a where: subset and a kept uuid, copied through real PostgreSQL.</summary>
public sealed class RuleKindsCopyTests(PostgresFixture postgres)
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("rule-kinds-key");

    private const string Schema = """
        CREATE TABLE customer (id int PRIMARY KEY, ref uuid NOT NULL, full_name text, bio text, api_token text, fax text, region text NOT NULL);
        INSERT INTO customer
        SELECT i, gen_random_uuid(), 'Realgiven' || i || ' Realfamily' || i,
               CASE WHEN i % 7 = 0 THEN NULL ELSE 'My private story number ' || i || ' about my life in ' || repeat('x', i % 40) END,
               md5('token' || i), '0123 456 ' || i, CASE WHEN i % 4 = 0 THEN 'north' ELSE 'south' END
        FROM generate_series(1, 120) i;
        """;

    private const string Rules = """
        environments:
          - {label: live, app_name: k-live, branch: master}
          - {label: dev, app_name: k-dev, branch: dev}
        data:
          key_env: ANON_KEY
          tables:
            customer:
              where: "region = 'north'"
              columns:
                id: keep
                ref: keep
                full_name: full_name
                bio: text
                api_token: hash
                fax: null
                region: keep
        """;

    private const string Select = "SELECT id, ref, full_name, bio, api_token, fax FROM customer ORDER BY id";

    [Fact]
    public async Task Null_full_name_text_and_hash_are_masked_with_the_right_shapes_the_where_subset_and_uuids_kept()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, Schema);
        var options = new DataCopyOptions(DataCopierTests.ParseRules(Rules), Key, new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 1 };

        var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);

        // where: only the north rows travel, and the counts are verified equal.
        var table = result.Tables.ShouldHaveSingleItem();
        table.Rows.ShouldBe(30);
        table.TargetRows.ShouldBe(30);
        var original = (await DataCopierTests.QueryAsync(source, Select)).ToDictionary(r => (int)r[0]!);
        var copied = await DataCopierTests.QueryAsync(target, Select);
        copied.Count.ShouldBe(30);
        copied.ShouldAllBe(r => (int)r[0]! % 4 == 0);

        var anonymiser = new Anonymiser(Key);
        foreach (var row in copied)
        {
            var source_ = original[(int)row[0]!];
            row[1].ShouldBe(source_[1]); // uuid: keep means equal
            row[1].ShouldBeOfType<Guid>();

            var name = (string)row[2]!;
            name.ShouldNotContain("Real");
            name.Split(' ').Length.ShouldBe(2, name);
            Anonymiser.CouldProduce(FakeKind.FullName, name).ShouldBeTrue(name);
            name.ShouldBe(anonymiser.Fake(FakeKind.FullName, (string)source_[2]!));

            if (source_[3] is string bio)
            {
                var text = (string)row[3]!;
                text.ShouldNotContain("private");
                text.Length.ShouldBeInRange(bio.Length - 2, bio.Length, text);
                var words = text.Split(' ');
                Anonymiser.CouldProduce(FakeKind.Text, string.Join(' ', words[..^1])).ShouldBeTrue(text); // lorem words (the last one may be cut to the length)
            }
            else
            {
                row[3].ShouldBeNull(); // NULL stays NULL under a fake
            }

            var hash = (string)row[4]!;
            hash.ShouldMatch("^[0-9a-f]{64}$");
            hash.ShouldNotBe(source_[4]);
            hash.ShouldBe(anonymiser.Hash((string)source_[4]!));

            row[5].ShouldBeNull(); // null: the column is emptied whatever it held
        }

        copied.Select(r => r[2]).Distinct().Count().ShouldBeGreaterThan(20); // not one constant name

        // Deterministic: a second run with the same key writes the same values.
        await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);
        var again = await DataCopierTests.QueryAsync(target, Select);
        again.Select(Line).ShouldBe(copied.Select(Line));
    }

    private static string Line(object?[] row) => string.Join('|', row.Select(v => v ?? "<null>"));
}
