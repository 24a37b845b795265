using HerokuTools.Common;
using HerokuTools.Workflow;
using static HerokuTools.Tests.Workflow.WorkflowSamples;

namespace HerokuTools.Tests.Workflow;

/// <summary>Each kind of mistake, reported as heroku-tools.yml:LINE:COL: message at the offending node.</summary>
public class WorkflowDiagnosticsTests
{
    private static string[] Errors(string yaml)
    {
        var error = Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(yaml, "heroku-tools.yml"));
        error.ExitCode.ShouldBe(ExitCodes.Usage);
        error.ShouldBeAssignableTo<ToolException>();
        error.Message.ShouldBe(string.Join('\n', error.Diagnostics));
        return error.Diagnostics.Select(d => d.ToString()).ToArray();
    }

    [Fact]
    public void Syntax_errors_carry_the_parsers_position_and_message()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a: b",
            "    branch: main"))
            .ShouldBe(["heroku-tools.yml:3:16: YAML syntax: unexpected ':' here; check this line's indentation, or quote a value that contains ': '"]);
    }

    [Fact]
    public void An_unclosed_bracket_is_a_syntax_error()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: [unclosed",
            "    branch: main"))
            .ShouldBe(["heroku-tools.yml:3:15: YAML syntax: cannot be read from here on (an unclosed bracket or quote?)"]);
    }

    [Fact]
    public void Tabs_for_indentation_are_a_syntax_error_on_their_line()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "  \tapp_name: a",
            "    branch: main"))
            .ShouldBe(["heroku-tools.yml:3:3: YAML syntax: a tab indents this line; indent with spaces only"]);
    }

    [Fact]
    public void Odd_indentation_is_reported_where_it_goes_wrong()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "     app_name: a",
            "    branch: main"))
            .ShouldBe(["heroku-tools.yml:3:14: YAML syntax: unexpected ':' here; check this line's indentation, or quote a value that contains ': '"]);
    }

    [Fact]
    public void Consistent_but_unusual_indentation_is_fine()
    {
        WorkflowLoader.Parse(Lines(
            "environments:",
            "- label: live",
            "  app_name: a",
            "  branch:    main",
            "-   label: dev",
            "    app_name: b",
            "    branch: dev"), "x.yml").Environments.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("\uFEFF")]
    public void An_empty_file_says_what_it_needs(string text)
    {
        Errors(text).ShouldBe(["heroku-tools.yml:1:1: the file is empty; it needs an 'environments' list (run 'heroku-tools init' to write a starter)"]);
    }

    [Fact]
    public void A_file_that_is_a_list()
    {
        Errors(Lines(
            "# a list, not a mapping",
            "- label: live",
            "  app_name: a",
            "  branch: main"))
            .ShouldBe(["heroku-tools.yml:2:1: the top level must be a mapping of environments, commands, deploy, config, data, found a list"]);
    }

    [Fact]
    public void A_file_that_is_a_string()
    {
        Errors("hello\n").ShouldBe(["heroku-tools.yml:1:1: the top level must be a mapping of environments, commands, deploy, config, data, found a string"]);
    }

    [Fact]
    public void Two_documents()
    {
        Errors(Seed + "---\nenvironments: []\n")
            .ShouldBe(["heroku-tools.yml:14:1: only one YAML document is allowed; remove the second '---'"]);
    }

    [Fact]
    public void Unknown_keys_with_and_without_a_suggestion()
    {
        Errors(Lines(
            "enviroments:",
            "  - label: live",
            "rollout:",
            "  strategy: push"))
            .ShouldBe([
                "heroku-tools.yml:1:1: unknown key 'enviroments' at the top level; did you mean 'environments'?",
                "heroku-tools.yml:1:1: the file is missing 'environments'",
                "heroku-tools.yml:3:1: unknown key 'rollout' at the top level (expected: environments, commands, deploy, config, data)",
            ]);
    }

    [Fact]
    public void Unknown_keys_inside_sections()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_nme: a",
            "    branch: main",
            "    colour: red",
            "commands:",
            "  migrat: ./migrate"))
            .ShouldBe([
                "heroku-tools.yml:2:5: this environment is missing 'app_name'",
                "heroku-tools.yml:3:5: unknown key 'app_nme' in an environment; did you mean 'app_name'?",
                "heroku-tools.yml:5:5: unknown key 'colour' in an environment (expected: label, app_name, branch, protected, promote_from)",
                "heroku-tools.yml:7:3: unknown key 'migrat' in 'commands'; did you mean 'migrate'?",
            ]);
    }

    [Fact]
    public void Wrong_types()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: {name: a}",
            "    branch: [main]",
            "    protected: yes",
            "  - just-a-string",
            "  - label: dev",
            "    app_name: b",
            "    branch: dev",
            "    protected: \"true\"",
            "commands: [migrate]"))
            .ShouldBe([
                "heroku-tools.yml:3:15: 'app_name' must be a string, found a mapping",
                "heroku-tools.yml:4:13: 'branch' must be a string, found a list",
                "heroku-tools.yml:5:16: 'protected' must be true or false, found 'yes'",
                "heroku-tools.yml:6:5: an environment must be a mapping with label, app_name and branch, found a string",
                "heroku-tools.yml:10:16: 'protected' must be true or false, found 'true'",
                "heroku-tools.yml:11:11: 'commands' must be a mapping (migrate, collectstatic), found a list",
            ]);
    }

    [Fact]
    public void Environments_as_a_mapping_instead_of_a_list()
    {
        Errors(Lines(
            "environments:",
            "  live:",
            "    app_name: a"))
            .ShouldBe(["heroku-tools.yml:2:3: 'environments' must be a list ('- label: ...' items), found a mapping"]);
    }

    [Fact]
    public void Missing_fields_point_at_the_mapping_that_lacks_them()
    {
        Errors(Lines(
            "commands:",
            "  migrate: ./m"))
            .ShouldBe(["heroku-tools.yml:1:1: the file is missing 'environments'"]);

        Errors(Lines(
            "environments:",
            "  - label: live",
            "  - app_name: b",
            "    branch: dev"))
            .ShouldBe([
                "heroku-tools.yml:2:5: this environment is missing 'app_name'",
                "heroku-tools.yml:2:5: this environment is missing 'branch'",
                "heroku-tools.yml:3:5: this environment is missing 'label'",
            ]);
    }

    [Theory]
    [InlineData("environments:\n", 1)]
    [InlineData("environments: []\n", 1)]
    [InlineData("# top\nenvironments: ~\n", 2)]
    public void Environments_must_not_be_empty(string text, int line)
    {
        Errors(text).ShouldBe([$"heroku-tools.yml:{line}:1: 'environments' is empty; list each app, top (e.g. live) first"]);
    }

    [Fact]
    public void Empty_strings()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name:",
            "    branch: \"\"",
            "    promote_from: '  '",
            "commands:",
            "  migrate: ~"))
            .ShouldBe([
                "heroku-tools.yml:3:5: 'app_name' is empty",
                "heroku-tools.yml:4:13: 'branch' is empty",
                "heroku-tools.yml:5:19: 'promote_from' is empty",
                "heroku-tools.yml:7:3: 'migrate' is empty",
            ]);
    }

    [Fact]
    public void Duplicate_labels_and_app_names()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a",
            "    branch: main",
            "  - label: uat",
            "    app_name: a",
            "    branch: main",
            "  - label: live",
            "    app_name: c",
            "    branch: dev"))
            .ShouldBe([
                "heroku-tools.yml:6:15: duplicate app_name 'a' (already used at line 3)",
                "heroku-tools.yml:8:12: duplicate label 'live' (already used at line 2)",
            ]);
    }

    [Fact]
    public void Duplicate_mapping_keys()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a",
            "    branch: main",
            "    branch: master",
            "commands:",
            "  migrate: a",
            "commands:",
            "  migrate: b"))
            .ShouldBe([
                "heroku-tools.yml:5:5: duplicate key 'branch' (first at line 4)",
                "heroku-tools.yml:8:1: duplicate key 'commands' (first at line 6)",
            ]);
    }

    [Fact]
    public void Bad_promote_from()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a",
            "    branch: main",
            "    promote_from: stagign",
            "  - label: staging",
            "    app_name: b",
            "    branch: main",
            "    promote_from: live",
            "  - label: dev",
            "    app_name: c",
            "    branch: dev",
            "    promote_from: dev",
            "  - label: qa",
            "    app_name: d",
            "    branch: qa",
            "    promote_from: nowhere"))
            .ShouldBe([
                "heroku-tools.yml:5:19: promote_from 'stagign' is not an environment (known: live, staging, dev, qa); did you mean 'staging'?",
                "heroku-tools.yml:9:19: promote_from 'live' is above 'staging'; promote from an environment further down the list (code moves up)",
                "heroku-tools.yml:13:19: promote_from 'dev' names this environment itself",
                "heroku-tools.yml:17:19: promote_from 'nowhere' is not an environment (known: live, staging, dev, qa)",
            ]);
    }

    [Fact]
    public void An_unknown_alias()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a",
            "    branch: *release"))
            .ShouldBe(["heroku-tools.yml:4:13: unknown alias '*release'"]);
    }

    [Fact]
    public void Absurd_nesting_is_refused_not_overflowed()
    {
        Errors("environments: " + new string('[', 200) + new string(']', 200) + "\n")
            .ShouldHaveSingleItem().ShouldBe("heroku-tools.yml:1:79: YAML syntax: the document is nested too deeply");
    }

    [Fact]
    public void Keys_must_be_names()
    {
        Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: a",
            "    branch: main",
            "    ? [x]",
            "    : y"))
            .ShouldBe(["heroku-tools.yml:5:7: a key must be a name, found a list"]);
    }

    [Fact]
    public void Many_problems_are_reported_at_once_in_file_order()
    {
        var errors = Errors(Lines(
            "environments:",
            "  - label: live",
            "    app_name: shop",
            "    branch: main",
            "    protected: maybe",
            "  - label: uat",
            "    app_nam: shop-uat",
            "    branch: main",
            "  - label: live",
            "    app_name: shop",
            "    branch: dev",
            "comands:",
            "  migrate: ./m"));

        errors.ShouldBe([
            "heroku-tools.yml:5:16: 'protected' must be true or false, found 'maybe'",
            "heroku-tools.yml:6:5: this environment is missing 'app_name'",
            "heroku-tools.yml:7:5: unknown key 'app_nam' in an environment; did you mean 'app_name'?",
            "heroku-tools.yml:9:12: duplicate label 'live' (already used at line 2)",
            "heroku-tools.yml:10:15: duplicate app_name 'shop' (already used at line 3)",
            "heroku-tools.yml:12:1: unknown key 'comands' at the top level; did you mean 'commands'?",
        ]);
    }
}
