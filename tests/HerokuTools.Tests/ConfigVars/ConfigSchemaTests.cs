using Json.Schema;
using HerokuTools.Tests.Workflow;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>The schema's <c>config:</c> accepts and refuses what the loader does.</summary>
public class ConfigSchemaTests
{
    private const string Environments = "environments:\n  - {label: live, app_name: a, branch: master}\n";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HerokuTools.slnx")))
        {
            dir = dir.Parent;
        }

        var text = File.ReadAllText(Path.Combine(dir!.FullName, "schema", "heroku-tools.schema.json"));
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    [Theory]
    [InlineData("config:\n")]
    [InlineData("config:\n  dir: ../secrets/config\n")]
    [InlineData("config:\n  required: [SECRET_KEY, SENTRY_DSN]\n  expected_differences: [SETTINGS]\n")]
    [InlineData("config:\n  required:\n    common: [SECRET_KEY]\n    live: [SENTRY_DSN]\n")]
    public void Valid_config_sections_pass_both(string section)
    {
        WorkflowLoader.Parse(Environments + section, "heroku-tools.yml");
        Schema.Value.Evaluate(YamlToJson.Convert(Environments + section)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("config: [a]\n")]
    [InlineData("config:\n  dir: ''\n")]
    [InlineData("config:\n  required: SECRET_KEY\n")]
    [InlineData("config:\n  required: [bad-name]\n")]
    [InlineData("config:\n  expected_differences: {A: b}\n")]
    [InlineData("config:\n  directory: x\n")]
    public void Invalid_config_sections_fail_both(string section)
    {
        Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(Environments + section, "heroku-tools.yml"));
        Schema.Value.Evaluate(YamlToJson.Convert(Environments + section)).IsValid.ShouldBeFalse();
    }
}
