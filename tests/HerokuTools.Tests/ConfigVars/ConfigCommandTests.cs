using System.Text.Json;
using HerokuTools.Common;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>config diff/push/pull end to end, the whole program against the sandbox.</summary>
public class ConfigCommandTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string AppOnlyValue = "app-only-value-9f8e";
    private const string AppDiffValue = "app-side-value-1a2b";
    private const string FileDiffValue = "file-side-value-3c4d";

    /// <summary>Live has one key per marker: SAME (=), DIFF (!), NEW (+), EXTRA (?), GONE (-), ABSENT (= not set), DATABASE_URL (@).</summary>
    private async Task<ConfigProject> EveryMarkerAsync()
    {
        var project = await ConfigProject.CreateAsync(sandbox);
        await project.AddPostgresAsync(project.Live);
        await project.SetAsync(project.Live, new Dictionary<string, string?>
        {
            ["SAME"] = "same value",
            ["DIFF"] = AppDiffValue,
            ["EXTRA"] = AppOnlyValue,
            ["GONE"] = "to be removed",
        });
        project.Write("config/common.yml", "settings:\n  SAME: same value\n  ABSENT: null\n");
        project.Write("config/live.yml", $"settings:\n  DIFF: {FileDiffValue}\n  NEW: new value\n  GONE: null\n");
        return project;
    }

    [Fact]
    public async Task Diff_marks_every_key_masks_values_and_exits_1()
    {
        using var project = await EveryMarkerAsync();

        var r = await project.RunAsync("config", "diff", "live");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        var lines = r.Out.Split('\n');
        lines.ShouldContain(l => l.StartsWith("  = SAME ", StringComparison.Ordinal) && l.Contains("[10 chars #"));
        lines.ShouldContain(l => l.StartsWith("  ! DIFF ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("  + NEW ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("  ? EXTRA ", StringComparison.Ordinal) && l.Contains("only on the app"));
        lines.ShouldContain(l => l.StartsWith("  - GONE ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("  = ABSENT ", StringComparison.Ordinal) && l.Contains("not set"));
        lines.ShouldContain(l => l.StartsWith("  @ DATABASE_URL ", StringComparison.Ordinal) && l.Contains("managed by"));
        r.Out.ShouldContain("4 differences: 1 different, 1 only in the files, 1 to unset, 1 only on the app");
        foreach (var secret in new[] { AppOnlyValue, AppDiffValue, FileDiffValue, "postgres://" })
        {
            (r.Out + r.Error).ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Diff_shows_values_only_when_asked_and_speaks_JSON()
    {
        using var project = await EveryMarkerAsync();

        var shown = await project.RunAsync("config", "diff", "live", "--show-values");
        var json = await project.RunAsync("config", "diff", "live", "--json", "--verbose");

        shown.ExitCode.ShouldBe(ExitCodes.Failure);
        shown.Out.ShouldContain($"files \"{FileDiffValue}\"  app \"{AppDiffValue}\"");
        json.ExitCode.ShouldBe(ExitCodes.Failure);
        json.Error.ShouldNotContain(AppDiffValue);
        using var doc = JsonDocument.Parse(json.Out);
        doc.RootElement.GetProperty("in_sync").GetBoolean().ShouldBeFalse();
        var markers = doc.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("key").GetString()!, e => e.GetProperty("marker").GetString());
        markers["SAME"].ShouldBe("=");
        markers["DIFF"].ShouldBe("!");
        markers["NEW"].ShouldBe("+");
        markers["EXTRA"].ShouldBe("?");
        markers["GONE"].ShouldBe("-");
        markers["DATABASE_URL"].ShouldBe("@");
        json.Out.ShouldNotContain(AppDiffValue);
    }

    [Fact]
    public async Task Diff_on_a_terminal_is_a_table_with_the_same_markers_still_masked()
    {
        using var project = await EveryMarkerAsync();

        var r = await project.RunOnTerminalAsync("", "config", "diff", "live");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Out.ShouldContain("╭");
        var rows = r.Out.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│').Select(c => c.Trim()).ToArray())
            .Where(c => c[2].Length > 0).ToDictionary(c => c[2], c => $"{c[1]}|{c[3]}|{c[4]}");
        r.Out.ShouldContain("Files");
        rows["DIFF"].ShouldMatch(@"^!\|\[20 chars #\w+\]\|\[19 chars #\w+\]$", r.Out);
        rows["NEW"].ShouldMatch(@"^\+\|\[9 chars #\w+\]\|not set$", r.Out);
        rows["EXTRA"].ShouldMatch(@"^\?\|in no file\|\[19 chars #\w+\]$", r.Out);
        rows["GONE"].ShouldMatch(@"^-\|must not be set\|\[13 chars #\w+\]$", r.Out);
        rows["ABSENT"].ShouldBe("=|not set|not set", r.Out);
        rows["SAME"].ShouldMatch(@"^=\|(\[10 chars #\w+\])\|\1$", r.Out);
        rows["DATABASE_URL"].ShouldMatch(@"^@\|add-on's\|postgresql-", r.Out);
        r.Out.ShouldContain("4 differences: 1 different, 1 only in the files, 1 to unset, 1 only on the app");
        r.Out.ShouldNotContain("  ! DIFF ");
        foreach (var secret in new[] { AppOnlyValue, AppDiffValue, FileDiffValue, "postgres://" })
        {
            r.Out.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Diff_and_push_warn_about_a_file_no_environment_reads_but_go_on()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        project.Write("config/live.yml", "settings:\n  A: b\n");
        project.Write("config/lvie.yml", "settings:\n  A: typo\n");
        const string warning = "warning: config/lvie.yml matches no environment, so it is never read; did you mean config/live.yml?";

        var diff = await project.RunAsync("config", "diff", "live");
        var push = await project.RunAsync("config", "push", "live", "--yes");

        diff.ExitCode.ShouldBe(ExitCodes.Failure, diff.Error);
        diff.Error.ShouldContain(warning);
        diff.Out.ShouldContain("  + A ");
        push.ExitCode.ShouldBe(ExitCodes.Success, push.Error);
        push.Error.ShouldContain(warning);
        (await project.ConfigAsync(project.Live))["A"].ShouldBe("b");
    }

    [Fact]
    public async Task Push_with_prune_makes_exactly_one_release_spares_add_on_vars_and_leaves_the_app_in_sync()
    {
        using var project = await EveryMarkerAsync();
        var databaseUrl = (await project.ConfigAsync(project.Live))["DATABASE_URL"];
        var releases = await project.ReleaseCountAsync(project.Live);

        var push = await project.RunAsync("config", "push", "live", "--prune", "--yes");

        push.ExitCode.ShouldBe(ExitCodes.Success, push.Error);
        push.Out.ShouldContain("unset EXTRA");
        push.Out.ShouldContain("unset GONE");
        push.Out.ShouldContain("verified");
        (await project.ReleaseCountAsync(project.Live)).ShouldBe(releases + 1);
        var after = await project.ConfigAsync(project.Live);
        after.ShouldBe(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["SAME"] = "same value",
            ["DIFF"] = FileDiffValue,
            ["NEW"] = "new value",
        }, ignoreOrder: true);

        var diff = await project.RunAsync("config", "diff", "live");
        diff.ExitCode.ShouldBe(ExitCodes.Success, diff.Out);
        diff.Out.ShouldContain("in sync");
    }

    [Fact]
    public async Task Push_without_prune_keeps_keys_in_no_file_and_asks_first()
    {
        using var project = await EveryMarkerAsync();
        var releases = await project.ReleaseCountAsync(project.Live);

        var declined = await project.RunOnTerminalAsync("n\n", "config", "push", "live");
        var notTerminal = await project.RunAsync("config", "push", "live");
        (await project.ReleaseCountAsync(project.Live)).ShouldBe(releases);
        var dryRun = await project.RunAsync("config", "push", "live", "--dry-run");
        var accepted = await project.RunOnTerminalAsync("y\n", "config", "push", "live");

        declined.ExitCode.ShouldBe(ExitCodes.Failure);
        declined.Error.ShouldContain("nothing was changed");
        notTerminal.ExitCode.ShouldBe(ExitCodes.Usage);
        dryRun.ExitCode.ShouldBe(ExitCodes.Success);
        dryRun.Out.ShouldContain("dry run");
        accepted.ExitCode.ShouldBe(ExitCodes.Success, accepted.Error);
        accepted.Error.ShouldContain("Push 3 changes to");
        accepted.Out.ShouldContain("kept on the app, in no file: EXTRA");
        (await project.ReleaseCountAsync(project.Live)).ShouldBe(releases + 1);
        (await project.ConfigAsync(project.Live))["EXTRA"].ShouldBe(AppOnlyValue);
        (await project.RunAsync("config", "push", "live", "--yes")).Out.ShouldContain("nothing to push");
    }

    [Fact]
    public async Task A_protected_environment_asks_for_the_app_name()
    {
        using var project = await ConfigProject.CreateAsync(sandbox, liveProtected: true);
        project.Write("config/live.yml", "settings:\n  A: b\n");

        var wrong = await project.RunOnTerminalAsync("y\n", "config", "push", "live");
        var right = await project.RunOnTerminalAsync(project.Live + "\n", "config", "push", "live");

        wrong.ExitCode.ShouldBe(ExitCodes.Failure);
        wrong.Error.ShouldContain($"Type the app name ({project.Live})");
        right.ExitCode.ShouldBe(ExitCodes.Success, right.Error);
        (await project.ConfigAsync(project.Live))["A"].ShouldBe("b");
    }

    [Fact]
    public async Task References_are_resolved_from_the_operators_environment_and_a_missing_one_is_named()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        project.Write("config/dev.yml", "settings:\n  DATABASE_PASSWORD: \"${DEV_DB_PASSWORD}\"\n  URL: https://${DEV_HOST}/x\n  LITERAL: $${HOME}\n");
        const string secret = "pa ss\"word=#1";

        var missing = await project.RunAsync(new Dictionary<string, string> { ["DEV_HOST"] = "example.com" }, "config", "push", "dev", "--yes");
        var pushed = await project.RunAsync(new Dictionary<string, string> { ["DEV_HOST"] = "example.com", ["DEV_DB_PASSWORD"] = secret },
            "config", "push", "dev", "--yes", "--verbose");

        missing.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.Error.ShouldContain("config/dev.yml:2:3: 'DATABASE_PASSWORD' needs the environment variable DEV_DB_PASSWORD, which is not set");
        pushed.ExitCode.ShouldBe(ExitCodes.Success, pushed.Error);
        (pushed.Out + pushed.Error).ShouldNotContain(secret);
        var config = await project.ConfigAsync(project.Dev);
        config["DATABASE_PASSWORD"].ShouldBe(secret);
        config["URL"].ShouldBe("https://example.com/x");
        config["LITERAL"].ShouldBe("${HOME}");
    }

    [Fact]
    public async Task Tricky_values_round_trip_byte_for_byte_through_pull_push_pull()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        var values = new Dictionary<string, string?>();
        var i = 0;
        foreach (var row in ConfigFileTests.TrickyValues)
        {
            values[$"V{i++:00}"] = row.Data;
        }

        await project.SetAsync(project.Live, values);

        var pull = await project.RunAsync("config", "pull", "live");
        pull.ExitCode.ShouldBe(ExitCodes.Success, pull.Error);
        project.Write("config/uat.yml", project.Read("config/live.yml"));
        var push = await project.RunAsync("config", "push", "uat", "--yes");
        push.ExitCode.ShouldBe(ExitCodes.Success, push.Error);
        (await project.ConfigAsync(project.Uat)).ShouldBe(values!, ignoreOrder: true);
        var again = await project.RunAsync("config", "pull", "live", "--force");
        var diff = await project.RunAsync("config", "diff", "live");

        again.ExitCode.ShouldBe(ExitCodes.Success, again.Error);
        project.Read("config/live.yml").ShouldBe(project.Read("config/uat.yml"));
        diff.ExitCode.ShouldBe(ExitCodes.Success, diff.Out);
        (pull.Out + pull.Error + push.Out + push.Error).ShouldNotContain("leading and trailing");
    }

    [Fact]
    public async Task Pull_leaves_out_add_on_vars_and_what_common_gives_and_refuses_to_overwrite()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        await project.AddPostgresAsync(project.Dev);
        await project.SetAsync(project.Dev, new Dictionary<string, string?> { ["SHARED"] = "same", ["OWN"] = "mine" });
        project.Write("config/common.yml", "settings:\n  SHARED: same\n  ONLY_COMMON: x\n");

        var first = await project.RunAsync("config", "pull", "dev");
        var refused = await project.RunAsync("config", "pull", "dev");

        first.ExitCode.ShouldBe(ExitCodes.Success, first.Error);
        first.Out.ShouldContain("1 add-on var left out");
        var text = project.Read("config/dev.yml");
        text.ShouldContain("settings:\n    ONLY_COMMON: null\n    OWN: mine\n");
        text.ShouldNotContain("DATABASE_URL");
        text.ShouldNotContain("SHARED");
        refused.ExitCode.ShouldBe(ExitCodes.Usage);
        refused.Error.ShouldContain("config/dev.yml exists; pass --force");
        (await project.RunAsync("config", "diff", "dev")).ExitCode.ShouldBe(ExitCodes.Success);
    }

    [Fact]
    public async Task Pull_force_updates_in_place_keeping_comments_and_order()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        await project.SetAsync(project.Dev, new Dictionary<string, string?> { ["B"] = "new-b", ["A"] = "a", ["C"] = "c" });
        project.Write("config/dev.yml", "# dev config\nsettings:\n  # first B\n  B: old-b  # was old\n  A: a\n  STALE: s\n");

        var r = await project.RunAsync("config", "pull", "dev", "--force");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        project.Read("config/dev.yml").ShouldBe("# dev config\nsettings:\n  # first B\n  B: new-b  # was old\n  A: a\n  C: c\n");
    }

    [Fact]
    public async Task Diff_of_two_environments_lists_expected_differences_apart()
    {
        using var project = await ConfigProject.CreateAsync(sandbox, "config:\n  expected_differences: [SETTINGS_MODULE]\n");
        await project.SetAsync(project.Live, new Dictionary<string, string?> { ["SAME"] = "x", ["SETTINGS_MODULE"] = "live", ["ONLY_LIVE"] = "1" });
        await project.SetAsync(project.Uat, new Dictionary<string, string?> { ["SAME"] = "x", ["SETTINGS_MODULE"] = "uat" });

        var r = await project.RunAsync("config", "diff", "live", "uat");
        await project.SetAsync(project.Uat, new Dictionary<string, string?> { ["ONLY_LIVE"] = "1" });
        var expectedOnly = await project.RunAsync("config", "diff", "live", "uat");

        r.ExitCode.ShouldBe(ExitCodes.Failure, r.Error);
        r.Out.ShouldContain("  < ONLY_LIVE");
        r.Out.ShouldContain("expected to differ (config.expected_differences):\n  ! SETTINGS_MODULE");
        r.Out.ShouldContain("1 unexpected difference (1 the same)");
        r.Out.ShouldNotContain("live\"");
        expectedOnly.ExitCode.ShouldBe(ExitCodes.Success, expectedOnly.Out);
        expectedOnly.Out.ShouldContain("no unexpected differences (2 the same)");
    }

    [Fact]
    public async Task Bad_files_stop_diff_and_push_before_Heroku_is_touched()
    {
        using var project = await ConfigProject.CreateAsync(sandbox);
        project.Write("config/live.yml", "settings:\n  PORT: 5000\n");
        var releases = await project.ReleaseCountAsync(project.Live);

        var diff = await project.RunAsync("config", "diff", "live");
        var push = await project.RunAsync("config", "push", "live", "--yes");
        var missing = await project.RunAsync("config", "diff", "uat");

        diff.ExitCode.ShouldBe(ExitCodes.Usage);
        diff.Error.ShouldContain("config/live.yml:2:9: 'PORT' is a number, not a string; quote it: PORT: \"5000\"");
        push.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.ExitCode.ShouldBe(ExitCodes.Usage);
        missing.Error.ShouldContain("config/uat.yml:1:1: no such file; write it from the app with 'heroku-tools config pull uat'");
        (await project.ReleaseCountAsync(project.Live)).ShouldBe(releases);
    }
}
