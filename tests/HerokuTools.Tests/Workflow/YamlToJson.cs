using System.Text.Json;
using System.Text.Json.Nodes;
using HerokuTools.Workflow;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Tests.Workflow;

/// <summary>YAML to JSON through the loader's own node tree, for validating samples against the JSON Schema.</summary>
internal static class YamlToJson
{
    public static JsonElement Convert(string yaml)
    {
        var diagnostics = new WorkflowDiagnostics("sample.yml");
        var root = SourceTreeReader.Read(yaml, diagnostics);
        diagnostics.Any.ShouldBeFalse();
        var json = Node(root)?.ToJsonString() ?? "null";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonNode? Node(SourceNode? node) => node switch
    {
        null => null,
        SourceScalar { IsNull: true } => null,
        SourceScalar { Boolean: { } b } => JsonValue.Create(b),
        SourceScalar s => JsonValue.Create(s.Value),
        SourceSequence seq => new JsonArray(seq.Items.Select(Node).ToArray()),
        SourceMapping map => Object(map),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonObject Object(SourceMapping map)
    {
        var o = new JsonObject();
        foreach (var entry in map.Entries)
        {
            o[((SourceScalar)entry.Key).Value] = Node(entry.Value);
        }

        return o;
    }
}
