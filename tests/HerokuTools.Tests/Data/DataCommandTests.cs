using System.Text.Json;
using System.Text.Json.Nodes;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Data;

/// <summary>The data commands end to end: the program in-process against the sandbox and its real Postgres add-ons.</summary>
public sealed class DataCommandTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private sealed record Apps(string Live, string Uat, string Dev, TestDatabase LiveDb, TestDatabase UatDb, TempDirectory Dir) : IDisposable
    {
        public void Dispose() => Dir.Dispose();
    }

    private async Task<Apps> SetUpAsync(bool uatProtected = false)
    {
        var names = new[] { SandboxFixture.NewAppName("live"), SandboxFixture.NewAppName("uat"), SandboxFixture.NewAppName("dev") };
        var urls = new List<string>();
        foreach (var name in names)
        {
            await sandbox.CreateAppAsync(name);
            await sandbox.SendAsync(HttpMethod.Post, $"/apps/{name}/addons", new JsonObject { ["plan"] = "heroku-postgresql" });
            urls.Add((string)(await sandbox.GetAsync($"/apps/{name}/config-vars"))["DATABASE_URL"]!);
        }

        var live = Db(urls[0]);
        var uat = Db(urls[1]);
        await DataCopierTests.ExecAsync(live, DataCopierTests.SourceSchema);
        await DataCopierTests.ExecAsync(uat, "CREATE TABLE keepme (x int); INSERT INTO keepme VALUES (42);");
        var dir = new TempDirectory();
        var rules = DataCopierTests.Rules[DataCopierTests.Rules.IndexOf("data:", StringComparison.Ordinal)..];
        dir.Write("heroku-tools.yml", $"""
            environments:
              - {"{"}label: live, app_name: {names[0]}, branch: master, protected: true{"}"}
              - {"{"}label: uat, app_name: {names[1]}, branch: master, protected: {(uatProtected ? "true" : "false")}{"}"}
              - {"{"}label: dev, app_name: {names[2]}, branch: dev{"}"}
            {rules}
            """);
        return new Apps(names[0], names[1], names[2], live, uat, dir);
    }

    private static TestDatabase Db(string url) =>
        new("addon", url, HerokuTools.Sandbox.Postgres.DatabaseUrl.Parse(url).ToConnectionString());

    private Dictionary<string, string> Env(string key = "k3y") =>
        new(sandbox.ClientEnvironment) { ["ANON_KEY"] = key };

    [Fact]
    public async Task Copies_live_down_to_uat_anonymised_with_a_summary_and_no_secrets_in_output()
    {
        using var apps = await SetUpAsync();
        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--jobs", "2") { Environment = Env() });

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("auth_user");
        r.Out.ShouldContain("verified: row counts equal in 2 tables");
        r.Out.ShouldContain("canary: none of");
        r.Error.ShouldContain("auth_user: 200 rows");
        var password = HerokuTools.Sandbox.Postgres.DatabaseUrl.Parse(apps.LiveDb.Url).Password;
        (r.Out + r.Error).ShouldNotContain(password);
        var emails = await DataCopierTests.QueryAsync(apps.UatDb, "SELECT email FROM auth_user WHERE id = 1");
        ((string)emails[0][0]!).ShouldNotContain("real-mail");
    }

    [Fact]
    public async Task Tables_refreshes_only_those_with_a_spectre_summary_on_a_terminal_and_aligned_lines_when_piped()
    {
        using var apps = await SetUpAsync();
        var full = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--jobs", "2") { Environment = Env() });
        full.ExitCode.ShouldBe(ExitCodes.Success, full.Error);
        full.Out.ShouldMatch(@"(?m)^table +rows +MB +seconds +counts +masked columns$");
        full.Out.ShouldMatch(@"(?m)^auth_user +200 +[0-9.]+ +[0-9.]+ +equal +email, username, first_name, last_name, password, notes, phone, joined, birthday, last_ip$");
        full.Out.ShouldMatch(@"(?m)^django_session +skipped ");
        full.Out.ShouldContain("not checked by the canary (shifted dates can equal other rows' originals): auth_user.joined, auth_user.birthday");
        await DataCopierTests.ExecAsync(apps.UatDb, "INSERT INTO django_session VALUES ('uat-only', 'x')");

        var dry = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--tables", "auth_user,profile", "--dry-run") { Environment = Env() });
        dry.ExitCode.ShouldBe(ExitCodes.Success, dry.Error);
        dry.Out.ShouldContain("a refresh would replace their rows in uat, in one transaction");
        dry.Out.ShouldContain("the other 1 tables of uat would stay as they are");

        var partial = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--tables", "auth_user,profile")
        { Environment = Env(), Terminal = true, Stdin = "y\n" });
        partial.ExitCode.ShouldBe(ExitCodes.Success, partial.Error);
        partial.Out.ShouldContain("╭");
        partial.Out.ShouldContain("masked columns");
        partial.Out.ShouldContain("auth_user, profile refreshed from live");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT session_key FROM django_session"))[0][0].ShouldBe("uat-only");
    }

    [Fact]
    public async Task Upward_and_protected_copies_are_refused_and_nothing_is_written()
    {
        using var apps = await SetUpAsync();
        var up = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "dev", "uat", "--yes") { Environment = Env() });
        up.ExitCode.ShouldBe(ExitCodes.Usage);
        up.Error.ShouldContain("data moves down (live -> uat -> dev)");

        var intoLive = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "uat", "live", "--yes", "--allow-upward") { Environment = Env() });
        intoLive.ExitCode.ShouldBe(ExitCodes.Usage);
        intoLive.Error.ShouldContain("is protected");

        var wrongName = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "dev", "uat", "--allow-upward")
        { Environment = Env(), Terminal = true, Stdin = "nope\n" });
        wrongName.ExitCode.ShouldBe(ExitCodes.Failure);
        wrongName.Error.ShouldContain("Type the app name");

        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Missing_key_and_non_terminal_without_yes_are_refused()
    {
        using var apps = await SetUpAsync();
        var noKey = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes") { Environment = sandbox.ClientEnvironment });
        noKey.ExitCode.ShouldBe(ExitCodes.Usage);
        noKey.Error.ShouldContain("ANON_KEY");

        var noYes = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat") { Environment = Env() });
        noYes.ExitCode.ShouldBe(ExitCodes.Usage);
        noYes.Error.ShouldContain("--yes");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Check_and_dry_run_report_uncovered_columns_with_lines_and_exit_1()
    {
        using var apps = await SetUpAsync();
        var ok = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "check") { Environment = Env() });
        ok.ExitCode.ShouldBe(ExitCodes.Success, ok.Error);
        ok.Out.ShouldContain("data rules cover live");

        var dry = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--dry-run") { Environment = Env() });
        dry.ExitCode.ShouldBe(ExitCodes.Success, dry.Error);
        dry.Out.ShouldContain("auth_user: masked email: email");
        dry.Out.ShouldContain("nothing was written");

        await DataCopierTests.ExecAsync(apps.LiveDb, "ALTER TABLE auth_user ADD COLUMN nickname text");
        var bad = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "check", "live") { Environment = Env() });
        bad.ExitCode.ShouldBe(ExitCodes.Failure);
        bad.Error.ShouldMatch(@"heroku-tools\.yml:\d+: auth_user\.nickname \(text\) has no rule");

        var json = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "--json", "data", "check", "live") { Environment = Env() });
        json.ExitCode.ShouldBe(ExitCodes.Failure);
        JsonDocument.Parse(json.Out).RootElement.GetProperty("ok").GetBoolean().ShouldBeFalse();

        var refused = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes") { Environment = Env() });
        refused.ExitCode.ShouldBe(ExitCodes.Failure);
        refused.Error.ShouldContain("auth_user.nickname (text) has no rule");
        (await DataCopierTests.QueryAsync(apps.UatDb, "SELECT x FROM keepme"))[0][0].ShouldBe(42);
    }

    [Fact]
    public async Task Rules_init_suggests_fakes_for_personal_columns_and_the_result_loads()
    {
        using var apps = await SetUpAsync();
        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "rules", "init", "live") { Environment = Env() });
        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        r.Out.ShouldContain("email: email");
        r.Out.ShouldContain("first_name: first_name");
        r.Out.ShouldContain("password: { value: \"!\" }");
        r.Out.ShouldContain("contact_email: email");
        r.Out.ShouldContain("id: keep   # REVIEW");
        r.Out.ShouldContain("django_session: skip");
        r.Out.ShouldNotContain("display:"); // generated columns are not copied
        var yaml = "environments:\n  - {label: live, app_name: a, branch: master}\n" + r.Out;
        HerokuTools.Workflow.WorkflowLoader.Parse(yaml, "heroku-tools.yml").Data.ShouldNotBeNull();
    }

    [Fact]
    public async Task Backup_saves_the_target_first()
    {
        using var apps = await SetUpAsync();
        var backup = Path.Combine(apps.Dir.Path, "uat.dump");
        var r = await ProgramRunner.RunAsync(new ProgramRun(apps.Dir.Path, "data", "copy", "live", "uat", "--yes", "--backup", "uat.dump") { Environment = Env() });
        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var header = File.ReadAllBytes(backup)[..5];
        header.ShouldBe("PGDMP"u8.ToArray());
    }
}
