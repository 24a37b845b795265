using HerokuTools.ConfigVars;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>Reading, writing and templating config files, without Heroku.</summary>
public class ConfigFileTests
{
    /// <summary>The values that break naive tools: quotes, '=', '#', spaces, empty, PEM, unicode, very long, '${'.</summary>
    public static readonly TheoryData<string> TrickyValues =
    [
        "plain",
        "",
        " leading and trailing spaces ",
        "it's \"quoted\" 'twice'",
        "a=b=c&d=e",
        "# not a comment",
        "value # with hash",
        "key: value",
        "- dash",
        "true",
        "5000",
        "0x1F",
        "null",
        "~",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n",
        "no trailing newline\nsecond line",
        "two trailing\n\n",
        "\n starts with a newline",
        "  indented first line\nnext",
        "tab\there\r\nwindows line",
        "ünïcödé ✓ 日本語 🚀",
        "\u0001\u001f control \u007f",
        "back\\slash \\n not a newline",
        "${NOT_A_REFERENCE} and $${ and $$${X}",
        "$$",
        "{\"json\": [1, 2]}",
        "*alias &anchor !tag %directive @at `backtick`",
        new string('x', 20_000) + "\n" + new string('y', 50_000),
    ];

    [Theory]
    [MemberData(nameof(TrickyValues))]
    public void A_written_value_reads_back_byte_for_byte(string value)
    {
        var text = ConfigFileWriter.Create([new TargetEntry("KEY", ValueTemplate.Escape(value)), new TargetEntry("AFTER", "x")], ["header"]);

        var problems = new List<WorkflowDiagnostic>();
        var entries = ConfigFileReader.Parse(text, "config/live.yml", problems);

        problems.ShouldBeEmpty();
        entries.Select(e => e.Key).ShouldBe(["KEY", "AFTER"]);
        ValueTemplate.Resolve(entries[0].Template!, _ => null, []).ShouldBe(value);
        ValueTemplate.References(entries[0].Template!).ShouldBeEmpty();
    }

    [Fact]
    public void A_PEM_key_is_written_as_a_readable_block()
    {
        var pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n";
        var text = ConfigFileWriter.Create([new TargetEntry("KEY", pem)], []);
        text.ShouldBe("settings:\n    KEY: |\n      -----BEGIN PRIVATE KEY-----\n      MIIEvQ\n      -----END PRIVATE KEY-----\n");
    }

    [Fact]
    public void References_resolve_from_the_environment_and_missing_ones_are_named()
    {
        var missing = new List<string>();
        var value = ValueTemplate.Resolve("postgres://${DB_USER}:${DB_PASS}@host/$${LITERAL}", name => name == "DB_USER" ? "me" : null, missing);

        value.ShouldBe("postgres://me:@host/${LITERAL}");
        missing.ShouldBe(["DB_PASS"]);
        ValueTemplate.References("${A}${B}${A}").ShouldBe(["A", "B"]);
        ValueTemplate.Problem("${unclosed").ShouldNotBeNull();
        ValueTemplate.Problem("${1BAD}").ShouldNotBeNull();
        ValueTemplate.Problem("$${fine} $HOME").ShouldBeNull();
    }

    [Fact]
    public void Every_problem_is_reported_with_line_and_column_and_never_a_value()
    {
        var text = WorkflowSamplesLines(
            "settings:",
            "  PORT: 5000",                      // 2:9 a number
            "  DEBUG: yes",                      // 3:10 a boolean
            "  SECRET: \"s3cr3t-value\"",
            "  SECRET: \"other-s3cr3t\"",        // 5:3 duplicate
            "  bad-name: x",                     // 6:3 invalid name
            "  LIST: [a, b]",                    // 7:9 not a string
            "  REF: \"${oops\"",                 // 8:8 bad reference
            "  GONE: null",
            "extra: 1");                         // 10:1 unknown key
        var problems = new List<WorkflowDiagnostic>();

        var entries = ConfigFileReader.Parse(text, "config/live.yml", problems);

        problems.Select(p => $"{p.Line}:{p.Column}").ShouldBe(["2:9", "3:10", "5:3", "6:3", "7:9", "8:8", "10:1"]);
        problems.ShouldAllBe(p => p.Path == "config/live.yml");
        problems[0].Message.ShouldContain("quote it: PORT: \"5000\"");
        problems[2].Message.ShouldContain("duplicate key 'SECRET' (first at line 4)");
        string.Join('\n', problems).ShouldNotContain("s3cr3t");
        entries.Single(e => e.Key == "GONE").Template.ShouldBeNull();
    }

    [Fact]
    public void A_YAML_syntax_error_has_its_position()
    {
        var problems = new List<WorkflowDiagnostic>();
        ConfigFileReader.Parse("settings:\n  A: \"unclosed\n  B: x\n", "config/dev.yml", problems);
        problems.ShouldHaveSingleItem().ToString().ShouldStartWith("config/dev.yml:");
        problems[0].Message.ShouldStartWith("YAML syntax");
    }

    [Fact]
    public void The_original_format_with_only_settings_is_valid()
    {
        var problems = new List<WorkflowDiagnostic>();
        var entries = ConfigFileReader.Parse("settings:\n    DJANGO_SETTINGS_MODULE: app.settings.live\n    WEB_CONCURRENCY: '3'\n", "f", problems);
        problems.ShouldBeEmpty();
        entries.Select(e => (e.Key, e.Template)).ShouldBe([("DJANGO_SETTINGS_MODULE", "app.settings.live"), ("WEB_CONCURRENCY", "3")]);
    }

    [Fact]
    public void Updating_a_file_keeps_comments_and_order_and_edits_only_what_changed()
    {
        var text = """
            # live settings: ask ops before changing
            settings:
              # the framework
              DJANGO_SETTINGS_MODULE: app.settings   # keep in step with wsgi.py
              SECRET: ${SECRET_KEY}
              OLD_FLAG: "on"
              TIMEOUT: "30"  # seconds
              BLOCK: |
                line one
                line two

            """;
        List<TargetEntry> target =
        [
            new("DJANGO_SETTINGS_MODULE", "app.settings"),
            new("SECRET", "${SECRET_KEY}"),
            new("TIMEOUT", "60"),
            new("BLOCK", "changed\nblock\n"),
            new("NEW_KEY", "new value"),
        ];

        var updated = ConfigFileWriter.Update(text, target);

        updated.ShouldBe("""
            # live settings: ask ops before changing
            settings:
              # the framework
              DJANGO_SETTINGS_MODULE: app.settings   # keep in step with wsgi.py
              SECRET: ${SECRET_KEY}
              TIMEOUT: "60"  # seconds
              BLOCK: |
                changed
                block
              NEW_KEY: "new value"

            """);
    }

    [Fact]
    public void A_flow_style_file_cannot_be_edited_in_place()
    {
        ConfigFileWriter.Update("settings: {A: b}\n", [new TargetEntry("A", "c")]).ShouldBeNull();
    }

    [Fact]
    public void The_config_section_reads_dir_required_and_expected_differences()
    {
        var workflow = WorkflowLoader.Parse("""
            environments:
              - {label: live, app_name: a-live, branch: master}
              - {label: dev, app_name: a-dev, branch: dev}
            config:
              dir: ../private-config
              required:
                common: [SECRET_KEY]
                live: [SENTRY_DSN]
              expected_differences: [DJANGO_SETTINGS_MODULE, SENTRY_DSN]
            """, "heroku-tools.yml");

        workflow.ConfigVars.Directory.ShouldBe("../private-config");
        workflow.ConfigVars.RequiredFor("live").ShouldBe(["SECRET_KEY", "SENTRY_DSN"]);
        workflow.ConfigVars.RequiredFor("dev").ShouldBe(["SECRET_KEY"]);
        workflow.ConfigVars.ExpectedDifferences.ShouldBe(["DJANGO_SETTINGS_MODULE", "SENTRY_DSN"]);
        WorkflowLoader.Parse("environments:\n  - {label: a, app_name: b, branch: c}\n", "h").ConfigVars.Directory.ShouldBe("config");
    }

    [Fact]
    public void Config_section_mistakes_have_line_and_column()
    {
        var e = Should.Throw<WorkflowException>(() => WorkflowLoader.Parse("""
            environments:
              - {label: live, app_name: a-live, branch: master}
            config:
              dri: x
              required:
                lvie: [A]
              expected_differences: [not-a-name]
            """, "heroku-tools.yml"));

        e.Diagnostics.Select(d => d.ToString()).ShouldBe([
            "heroku-tools.yml:4:3: unknown key 'dri' in 'config'; did you mean 'dir'?",
            "heroku-tools.yml:6:5: 'lvie' in 'config.required' is not an environment (known: common, live); did you mean 'live'?",
            "heroku-tools.yml:7:26: 'not-a-name' is not a config var name (letters, digits and underscores only)",
        ]);
    }

    private static string WorkflowSamplesLines(params string[] lines) => string.Join('\n', lines) + "\n";
}
