using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Data;

/// <summary>data copy end to end, from the user review: the backup file's mode and overwriting, --drop-dependents, messages and exit codes.</summary>
public sealed class DataCopyReviewTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private Dictionary<string, string> Env() => new(sandbox.ClientEnvironment) { ["ANON_KEY"] = "k3y" };

    [Fact]
    public async Task Backup_is_private_and_never_overwrites_a_file()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        var backup = Path.Combine(apps.Dir.Path, "uat.dump");

        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--jobs", "2", "--backup", "uat.dump") { Environment = Env() });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        File.ReadAllBytes(backup)[..5].ShouldBe("PGDMP"u8.ToArray());
        File.GetUnixFileMode(backup).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var size = new FileInfo(backup).Length;
        var again = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--backup", "uat.dump") { Environment = Env() });
        again.ExitCode.ShouldBe(ExitCodes.Usage);
        again.Error.ShouldContain("already exists; remove it or pick another name");
        new FileInfo(backup).Length.ShouldBe(size);
    }

    [Fact]
    public async Task Usage_mistakes_exit_2_with_the_real_reason()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        await DataCopierTests.ExecAsync(apps.LiveDb, """
            CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """);

        var upward = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "dev", "uat", "--allow-upward", "--yes") { Environment = Env() });
        upward.ExitCode.ShouldBe(ExitCodes.Usage);
        upward.Error.ShouldContain($"copying up into uat needs its app name ({apps.Uat}) typed on a terminal, which --yes does not replace");
        upward.Error.ShouldNotContain("pass --yes");

        var nosuch = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--tables", "auth_user,nosuch", "--dry-run") { Environment = Env() });
        nosuch.ExitCode.ShouldBe(ExitCodes.Usage);
        nosuch.Error.ShouldContain("--tables: no table 'nosuch' in live");

        var partition = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--tables", "events_2024", "--dry-run") { Environment = Env() });
        partition.ExitCode.ShouldBe(ExitCodes.Usage);
        partition.Error.ShouldContain("'events_2024' is a partition of 'events'; name the parent (--tables events)");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Check_refuses_a_value_that_does_not_cast_with_its_line_and_drop_dependents_lists_what_it_dropped()
    {
        using var apps = await DataApps.CreateAsync(sandbox);
        var yml = Path.Combine(apps.Dir.Path, "heroku-tools.yml");
        File.WriteAllText(yml, File.ReadAllText(yml).Replace("balance: keep", "balance: { value: \"lots\" }", StringComparison.Ordinal));

        var check = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "check", "live") { Environment = Env() });
        check.ExitCode.ShouldBe(ExitCodes.Failure);
        check.Error.ShouldMatch(@"heroku-tools\.yml:\d+: profile\.balance \(numeric\(12,2\)\): 'value: lots' does not work on the source: invalid input syntax for type numeric");

        File.WriteAllText(yml, File.ReadAllText(yml).Replace("balance: { value: \"lots\" }", "balance: keep", StringComparison.Ordinal));
        await DataCopierTests.ExecAsync(apps.UatDb, "CREATE TABLE auth_user (id int PRIMARY KEY); CREATE SCHEMA devtools; CREATE VIEW devtools.u AS SELECT id FROM public.auth_user;");
        var refused = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes") { Environment = Env() });
        refused.ExitCode.ShouldBe(ExitCodes.Usage);
        refused.Error.ShouldContain("view devtools.u");

        var dropped = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--drop-dependents", "--jobs", "2") { Environment = Env() });
        dropped.ExitCode.ShouldBe(ExitCodes.Success, dropped.Error);
        dropped.Out.ShouldContain("dropped with the old tables (--drop-dependents), outside public: view devtools.u");
    }
}
