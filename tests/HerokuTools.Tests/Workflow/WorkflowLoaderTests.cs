using HerokuTools.Common;
using HerokuTools.Workflow;
using static HerokuTools.Tests.Workflow.WorkflowSamples;

namespace HerokuTools.Tests.Workflow;

public class WorkflowLoaderTests
{
    private static readonly WorkflowEnvironment[] SeedEnvironments =
    [
        new("live", "mapp_app_1", "master"),
        new("uat", "my_app_2", "master"),
        new("dev", "my_app_3", "dev"),
    ];

    [Fact]
    public void The_original_format_loads_verbatim()
    {
        var config = WorkflowLoader.Parse(Seed, "heroku-tools.yml");

        config.Environments.ShouldBe(SeedEnvironments);
        config.Commands.ShouldBe(new WorkflowCommands("python manage.py migrate", "python manage.py collectstatic"));
        config.SourcePath.ShouldBe("heroku-tools.yml");
    }

    [Fact]
    public void Every_key_is_read()
    {
        var config = WorkflowLoader.Parse(FullFeatured, "heroku-tools.yml");

        config.Environments.ShouldBe(
        [
            new("live", "acme-live", "main", Protected: true, PromoteFrom: "staging"),
            new("staging", "acme-staging", "main"),
            new("dev", "acme-dev", "develop"),
        ]);
        config.Commands.Migrate.ShouldBe("python manage.py migrate --noinput");
        config.Commands.Collectstatic.ShouldBe("python manage.py collectstatic --noinput");
    }

    [Fact]
    public void Commands_are_optional()
    {
        var config = WorkflowLoader.Parse(Lines(
            "environments:",
            "  - {label: dev, app_name: a-dev, branch: dev}",
            "commands:"), "x.yml");

        config.Commands.ShouldBe(WorkflowCommands.None);
        config.Environments.Single().Label.ShouldBe("dev");
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        WorkflowLoader.Parse("\uFEFF" + Seed, "heroku-tools.yml").Environments.ShouldBe(SeedEnvironments);
    }

    [Fact]
    public void Windows_line_endings_load_and_positions_stay_right()
    {
        var crlf = Seed.Replace("\n", "\r\n", StringComparison.Ordinal);
        WorkflowLoader.Parse(crlf, "heroku-tools.yml").Environments.ShouldBe(SeedEnvironments);

        var broken = crlf.Replace("branch:   dev", "brnch:   dev", StringComparison.Ordinal);
        var error = Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(broken, "heroku-tools.yml"));
        error.Message.ShouldBe(string.Join('\n',
            "heroku-tools.yml:8:7: this environment is missing 'branch'",
            "heroku-tools.yml:10:7: unknown key 'brnch' in an environment; did you mean 'branch'?"));
    }

    [Fact]
    public void Load_reads_a_file_with_bom_and_names_it_as_given()
    {
        var dir = Directory.CreateTempSubdirectory("ht-workflow-");
        try
        {
            var path = Path.Combine(dir.FullName, "heroku-tools.yml");
            File.WriteAllText(path, Seed, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.ReadAllBytes(path)[0].ShouldBe((byte)0xEF);

            var config = WorkflowLoader.Load(path);
            config.Environments.ShouldBe(SeedEnvironments);
            config.SourcePath.ShouldBe(path);

            File.WriteAllText(path, "environments: []\n");
            var error = Should.Throw<WorkflowException>(() => WorkflowLoader.Load(path, "heroku-tools.yml"));
            error.Diagnostics.ShouldBe([new WorkflowDiagnostic("heroku-tools.yml", 1, 1, "'environments' is empty; list each app, top (e.g. live) first")]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ht-no-such-dir-" + Guid.NewGuid().ToString("N"), "heroku-tools.yml");
        var error = Should.Throw<ToolException>(() => WorkflowLoader.Load(missing, "heroku-tools.yml"));
        error.ExitCode.ShouldBe(ExitCodes.Usage);
        error.Message.ShouldStartWith("heroku-tools.yml: cannot read: ");
    }

    [Fact]
    public void Anchors_and_aliases_resolve()
    {
        var config = WorkflowLoader.Parse(Lines(
            "environments:",
            "  - label: uat",
            "    app_name: a-uat",
            "    branch: &release main",
            "  - label: live2",
            "    app_name: a-live2",
            "    branch: *release"), "x.yml");

        config.Environments.Select(e => e.Branch).ShouldBe(["main", "main"]);
    }
}
