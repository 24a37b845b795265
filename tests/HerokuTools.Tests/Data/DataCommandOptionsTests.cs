using HerokuTools.Common;
using HerokuTools.Data.Copy;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Data;

/// <summary>data copy's accepted --allow-upward path, data.database_var, what --backup holds, and an old local pg_dump.</summary>
public sealed class DataCommandOptionsTests(SandboxFixture sandbox, PostgresFixture postgres) : IClassFixture<SandboxFixture>
{
    private Dictionary<string, string> Env() => new(sandbox.ClientEnvironment) { ["ANON_KEY"] = "k3y" };

    [Fact]
    public async Task Allow_upward_with_the_app_name_typed_copies()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        await DataCopierTests.ExecAsync(apps.DevDb, DataCopierTests.SourceSchema.Replace("generate_series(1, 200)", "generate_series(1, 7)", StringComparison.Ordinal));

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "dev", "uat", "--allow-upward", "--jobs", "2")
        { Environment = Env(), Terminal = true, Stdin = $"{apps.Uat}\ny\n" });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Error.ShouldContain($"Type the app name ({apps.Uat})");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT count(*) FROM auth_user"))[0][0].ShouldBe(7L);
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT count(*) FROM pg_class WHERE relname = 'keepme'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task Database_var_names_the_config_var_holding_each_apps_database()
    {
        using var apps = await DataApps.CreateWithVarAsync(sandbox, postgres, "MAIN_DB_URL");

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--jobs", "2") { Environment = Env() });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("verified: row counts equal");
        var emails = await DataCopierTests.QueryAsync(apps.UatDb, "SELECT email FROM auth_user ORDER BY id");
        emails.Count.ShouldBe(200);
        ((string)emails[0][0]!).ShouldNotContain("real-mail");
        (await DataCopierTests.QueryAsync(apps.LiveDb, "SELECT email FROM auth_user WHERE id = 1"))[0][0].ShouldBe("person1@real-mail.test");
    }

    [Fact]
    public async Task Backup_holds_the_targets_old_data()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        await DataCopierTests.ExecAsync(apps.UatDb, "INSERT INTO keepme SELECT generate_series(1, 4)");

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--backup", "uat.dump") { Environment = Env() });
        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT count(*) FROM pg_class WHERE relname = 'keepme'"))[0][0].ShouldBe(0L);

        // Restored into a scratch database, the dump is uat as it was before the copy.
        var scratch = await postgres.CreateDatabaseAsync();
        var into = new DatabaseTarget("scratch", scratch.Url);
        await PgTools.Locate(Environment.GetEnvironmentVariable("PATH")).RunAsync("pg_restore",
            ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", into.Url.Database, Path.Combine(apps.Dir.Path, "uat.dump")],
            into.LibpqEnvironment, null, TestContext.Current.CancellationToken);
        (await DataCopierTests.QueryAsync(scratch, "SELECT count(*), sum(x) FROM keepme"))[0].ShouldBe([5L, 52L]);
        (await DataCopierTests.QueryAsync(scratch, "SELECT count(*) FROM pg_class WHERE relname = 'auth_user'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task A_local_pg_dump_older_than_the_server_is_refused_with_one_clear_line()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        var real = PgTools.Locate(Environment.GetEnvironmentVariable("PATH")).Directory;
        var shims = apps.Dir.Path + "/shims";
        Directory.CreateDirectory(shims);
        File.WriteAllText(shims + "/pg_dump", $"""
            #!/bin/sh
            if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 9.6.24"; exit 0; fi
            exec {real}/pg_dump "$@"

            """);
        File.SetUnixFileMode(shims + "/pg_dump", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(shims + "/psql", real + "/psql");
        var env = new Dictionary<string, string>(Env()) { ["PATH"] = shims + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes") { Environment = env });

        r.ExitCode.ShouldBe(ExitCodes.Usage);
        var error = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ShouldHaveSingleItem();
        error.ShouldMatch(@"^error: the local pg_dump is version 9 but the source server is \d+; install postgresql-client-\d+ \(pg_dump must not be older than the server\)$");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }
}
