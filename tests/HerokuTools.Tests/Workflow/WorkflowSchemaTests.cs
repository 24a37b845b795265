using System.Text.Json;
using HerokuTools.Workflow;
using Json.Schema;
using static HerokuTools.Tests.Workflow.WorkflowSamples;

namespace HerokuTools.Tests.Workflow;

/// <summary>schema/heroku-tools.schema.json stays in step with the loader.</summary>
public class WorkflowSchemaTests
{
    private static readonly Lazy<(JsonElement Json, JsonSchema Schema)> Loaded = new(LoadSchema);

    private static JsonElement SchemaJson => Loaded.Value.Json;

    private static JsonSchema Schema => Loaded.Value.Schema;

    [Fact]
    public void Schema_is_draft_2020_12_with_an_id()
    {
        SchemaJson.GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        SchemaJson.GetProperty("$id").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Top_level_keys_match_the_loader()
    {
        PropertyNames(SchemaJson).ShouldBe(WorkflowLoader.KnownKeys[WorkflowLoader.TopLevel], ignoreOrder: true);
        SchemaJson.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Each_sections_keys_match_the_loader()
    {
        var sections = WorkflowLoader.KnownKeys.Where(k => k.Key != WorkflowLoader.TopLevel).ToList();
        sections.ShouldNotBeEmpty();
        foreach (var (section, keys) in sections)
        {
            var schema = SectionObjectSchema(section);
            PropertyNames(schema).ShouldBe(keys, ignoreOrder: true, customMessage: section);
            schema.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse(section);
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                property.Value.TryGetProperty("description", out _).ShouldBeTrue($"{section}.{property.Name} has a description");
            }
        }
    }

    [Theory]
    [InlineData(Seed)]
    [InlineData(FullFeatured)]
    public void Valid_samples_pass_both(string yaml)
    {
        WorkflowLoader.Parse(yaml, "heroku-tools.yml").Environments.ShouldNotBeEmpty();
        Schema.Evaluate(YamlToJson.Convert(yaml)).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("environments: []\n")]
    [InlineData("commands:\n  migrate: m\n")]
    [InlineData("environments:\n  - {label: a, app_name: b}\n")]
    [InlineData("environments:\n  - {label: a, app_nme: b, branch: c}\n")]
    [InlineData("environments:\n  - {label: a, app_name: b, branch: c, protected: maybe}\n")]
    [InlineData("environments:\n  - {label: a, app_name: b, branch: ''}\n")]
    [InlineData("environments:\n  - {label: a, app_name: b, branch: c}\ndeploi: {}\n")]
    [InlineData("environments:\n  - {label: a, app_name: b, branch: c}\ncommands:\n  migrat: m\n")]
    [InlineData("environments:\n  live: {app_name: b, branch: c}\n")]
    public void Invalid_samples_fail_both(string yaml)
    {
        Should.Throw<WorkflowException>(() => WorkflowLoader.Parse(yaml, "heroku-tools.yml"));
        Schema.Evaluate(YamlToJson.Convert(yaml)).IsValid.ShouldBeFalse();
    }

    /// <summary>The object schema for a section: follows $ref, and items for a list section.</summary>
    private static JsonElement SectionObjectSchema(string section)
    {
        var schema = Resolve(SchemaJson.GetProperty("properties").GetProperty(section));
        if (schema.TryGetProperty("items", out var items))
        {
            schema = Resolve(items);
        }

        return schema;
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var pointer = reference.GetString()!;
            pointer.ShouldStartWith("#/");
            schema = SchemaJson;
            foreach (var part in pointer[2..].Split('/'))
            {
                schema = schema.GetProperty(part);
            }
        }

        return schema;
    }

    private static string[] PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

    private static (JsonElement, JsonSchema) LoadSchema()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HerokuTools.slnx")))
        {
            dir = dir.Parent;
        }

        dir.ShouldNotBeNull("the repository root (HerokuTools.slnx) above the test output");
        var text = File.ReadAllText(Path.Combine(dir.FullName, "schema", "heroku-tools.schema.json"));
        using var document = JsonDocument.Parse(text);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return (document.RootElement.Clone(), schema);
    }
}
