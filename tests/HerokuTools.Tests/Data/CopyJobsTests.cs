using System.Text;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>--jobs changes how many streams copy the tables, never what arrives.</summary>
public sealed class CopyJobsTests(PostgresFixture postgres)
{
    private const string Dump = """
        SELECT 'u' || string_agg(u::text, ',' ORDER BY u.id) FROM auth_user u
        UNION ALL SELECT 'p' || string_agg(p::text, ',' ORDER BY p.id) FROM (SELECT id, user_id, contact_email, address, postcode, tags, prefs, balance, avatar, secret FROM profile) p
        UNION ALL SELECT 's' || count(*) FROM django_session
        """;

    [Fact]
    public async Task One_stream_and_three_streams_write_the_same_rows()
    {
        var source = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        var outputs = new List<List<string>>();
        foreach (var jobs in new[] { 1, 3 })
        {
            var target = await postgres.CreateDatabaseAsync();
            var options = new DataCopyOptions(DataCopierTests.ParseRules(DataCopierTests.Rules), Encoding.UTF8.GetBytes("jobs-key"),
                new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = jobs };
            var result = await new DataCopier(options).RunAsync(TestContext.Current.CancellationToken);
            result.Tables.Where(t => !t.Skipped).Sum(t => t.Rows).ShouldBe(400);
            outputs.Add((await DataCopierTests.QueryAsync(target, Dump)).Select(r => (string)r[0]!).ToList());
        }

        outputs[0][0].ShouldNotContain("real-mail");
        outputs[0][0].Length.ShouldBeGreaterThan(10_000);
        outputs[1].ShouldBe(outputs[0]);
    }
}
