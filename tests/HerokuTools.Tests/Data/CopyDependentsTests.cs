using System.Text;
using HerokuTools.Common;
using HerokuTools.Data.Copy;

namespace HerokuTools.Tests.Data;

/// <summary>The target's objects in other schemas that depend on public: refused (dry run too) unless --drop-dependents.</summary>
public sealed class CopyDependentsTests(PostgresFixture postgres)
{
    private const string Outside = """
        CREATE TABLE auth_user (id int PRIMARY KEY, email text);
        INSERT INTO auth_user VALUES (1, 'old@x.test');
        CREATE SCHEMA devtools;
        CREATE VIEW devtools.u AS SELECT id FROM public.auth_user;
        CREATE TABLE devtools.notes (id int PRIMARY KEY, user_id int REFERENCES public.auth_user(id));
        INSERT INTO devtools.notes VALUES (7, 1);
        """;

    private async Task<(TestDatabase Source, TestDatabase Target)> DatabasesAsync()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(target, Outside);
        return (source, target);
    }

    private static DataCopyOptions Options(TestDatabase source, TestDatabase target) =>
        new(DataCopierTests.ParseRules(DataCopierTests.Rules), Encoding.UTF8.GetBytes("k"),
            new DatabaseTarget("live", source.Url), new DatabaseTarget("dev", target.Url)) { Jobs = 2 };

    [Fact]
    public async Task Dependents_outside_public_refuse_the_copy_and_the_dry_run_and_the_target_is_untouched()
    {
        var (source, target) = await DatabasesAsync();

        foreach (var dryRun in new[] { true, false })
        {
            var e = await Should.ThrowAsync<ToolException>(() => new DataCopier(Options(source, target) with { DryRun = dryRun })
                .RunAsync(TestContext.Current.CancellationToken));
            e.ExitCode.ShouldBe(ExitCodes.Usage);
            e.Message.ShouldContain("view devtools.u");
            e.Message.ShouldContain("on table devtools.notes");
            e.Message.ShouldContain("--drop-dependents");
            e.Message.ShouldNotContain("\n");
        }

        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM devtools.u"))[0][0].ShouldBe(1L);
        (await DataCopierTests.QueryAsync(target, "SELECT email FROM public.auth_user"))[0][0].ShouldBe("old@x.test");
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'devtools.notes'::regclass AND contype = 'f'"))[0][0].ShouldBe(1L);
    }

    [Fact]
    public async Task Drop_dependents_drops_them_and_says_which()
    {
        var (source, target) = await DatabasesAsync();
        var dry = await new DataCopier(Options(source, target) with { DryRun = true, DropDependents = true }).RunAsync(TestContext.Current.CancellationToken);
        dry.DroppedDependents.ShouldContain("view devtools.u");

        var result = await new DataCopier(Options(source, target) with { DropDependents = true }).RunAsync(TestContext.Current.CancellationToken);

        result.DroppedDependents.ShouldContain("view devtools.u");
        result.DroppedDependents.ShouldContain(d => d.Contains("on table devtools.notes", StringComparison.Ordinal));
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM pg_views WHERE schemaname = 'devtools'"))[0][0].ShouldBe(0L);
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM devtools.notes"))[0][0].ShouldBe(1L); // the table stays, its FK is gone
        (await DataCopierTests.QueryAsync(target, "SELECT count(*) FROM auth_user"))[0][0].ShouldBe(200L);
    }

    [Fact]
    public async Task A_schema_without_dependents_on_public_is_left_alone()
    {
        var source = await postgres.CreateDatabaseAsync();
        var target = await postgres.CreateDatabaseAsync();
        await DataCopierTests.ExecAsync(source, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(target, "CREATE SCHEMA devtools; CREATE TABLE devtools.own (x int); INSERT INTO devtools.own VALUES (5); CREATE VIEW devtools.v AS SELECT x FROM devtools.own;");

        var result = await new DataCopier(Options(source, target)).RunAsync(TestContext.Current.CancellationToken);

        result.DroppedDependents.ShouldBeEmpty();
        (await DataCopierTests.QueryAsync(target, "SELECT x FROM devtools.v"))[0][0].ShouldBe(5);
    }
}
