using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace HerokuTools.Sandbox.Tests.Api;

/// <summary>
/// Checks responses against Heroku's Platform API hyper-schema (../shared/heroku/platform-api-schema.json): finds
/// the link by method and path, validates the body against its targetSchema (draft-04 read as draft-06, formats on),
/// and checks that every property the resource lists is present.
/// </summary>
internal static class SchemaContract
{
    /// <summary>The official schema: shared/heroku/ beside the repository (found walking up from the test binaries),
    /// or HEROKU_TOOLS_PLATFORM_SCHEMA.</summary>
    public static string SchemaPath { get; } = FindSchema();

    private static string FindSchema()
    {
        if (Environment.GetEnvironmentVariable("HEROKU_TOOLS_PLATFORM_SCHEMA") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "heroku", "platform-api-schema.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "the official Platform API schema was not found at ../shared/heroku/platform-api-schema.json beside the repository; set HEROKU_TOOLS_PLATFORM_SCHEMA");
    }

    private static readonly Lazy<JsonObject> Document = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(SchemaPath))!);

    private static readonly Lazy<JsonObject> Definitions = new(() => (JsonObject)Strip(Document.Value["definitions"]!.DeepClone()));

    private static readonly Lazy<List<Link>> Links = new(LoadLinks);

    private static readonly Dictionary<string, JsonSchema> Compiled = [];

    public static void AssertMatches(string method, string path, JsonElement body)
    {
        var link = FindLink(method, path);
        var schema = Compile(link);
        var result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"));
            throw new ShouldAssertException(
                $"{method} {path} ({link.Resource} {link.Title}) does not match its targetSchema:\n  {string.Join("\n  ", errors)}\nbody: {body}");
        }

        foreach (var item in Resources(link, body))
        {
            var missing = link.ResourceProperties.Where(p => !item.TryGetProperty(p, out _)).ToList();
            missing.ShouldBeEmpty($"{method} {path}: properties of {link.Resource} missing from {item}");
        }
    }

    /// <summary>The link whose href pattern matches the path (query ignored) for the method.</summary>
    public static Link FindLink(string method, string path)
    {
        var bare = path.Split('?')[0];
        return Links.Value.FirstOrDefault(l => l.Method == method && l.Pattern.IsMatch(bare))
            ?? throw new ShouldAssertException($"no link in the schema for {method} {bare}");
    }

    private static List<JsonElement> Resources(Link link, JsonElement body)
    {
        if (link.ResourceProperties.Count == 0)
        {
            return [];
        }

        if (link.IsList)
        {
            body.ValueKind.ShouldBe(JsonValueKind.Array);
            return [.. body.EnumerateArray()];
        }

        return [body];
    }

    private static JsonSchema Compile(Link link)
    {
        lock (Compiled)
        {
            var key = link.Method + " " + link.Href + " " + link.Title;
            if (!Compiled.TryGetValue(key, out var schema))
            {
                // The targetSchema's "#/definitions/..." refs resolve against a root that carries all definitions.
                var root = new JsonObject { ["definitions"] = Definitions.Value.DeepClone() };
                foreach (var (name, value) in (JsonObject)Strip(link.TargetSchema.DeepClone()))
                {
                    root[name] = value?.DeepClone();
                }

                var options = new BuildOptions { Dialect = Dialect.Draft06, SchemaRegistry = new SchemaRegistry() };
                schema = JsonSchema.FromText(root.ToJsonString(), options, new Uri($"https://schema.test/{Guid.NewGuid():N}"));
                Compiled[key] = schema;
            }

            return schema;
        }
    }

    /// <summary>Drops draft-04 "$schema" and string "id" keywords, which a draft-06 reader would take as identifiers,
    /// and a "uri" format that the property's own example does not meet (domain hostname: "subdomain.example.com",
    /// which is what Heroku sends, is not an absolute URI).</summary>
    private static JsonNode Strip(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            obj.Remove("$schema");
            if (obj["id"] is JsonValue)
            {
                obj.Remove("id");
            }

            if ((string?)(obj["format"] as JsonValue) == "uri" && obj["example"] is JsonValue example
                && example.TryGetValue<string>(out var text) && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                obj.Remove("format");
            }

            foreach (var (_, child) in obj.ToList())
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }

        return node;
    }

    private static List<Link> LoadLinks()
    {
        var links = new List<Link>();
        foreach (var (resource, definition) in (JsonObject)Document.Value["definitions"]!)
        {
            if (definition?["links"] is not JsonArray array)
            {
                continue;
            }

            foreach (var node in array)
            {
                var href = (string)node!["href"]!;
                var pattern = "^" + string.Join("[^/]+", Regex.Split(href, @"\{\([^)]*\)\}").Select(Regex.Escape)) + "$";
                var target = node["targetSchema"] as JsonObject ?? new JsonObject();
                links.Add(new Link(
                    resource,
                    (string)node["method"]!,
                    href,
                    (string?)node["title"] ?? "",
                    new Regex(pattern),
                    target,
                    ResourceOf(target, out var isList),
                    isList));
            }
        }

        return links;
    }

    private static List<string> ResourceOf(JsonObject target, out bool isList)
    {
        isList = target["items"] is not null;
        var reference = (string?)(isList ? target["items"]!["$ref"] : target["$ref"]);
        var match = reference is null ? null : Regex.Match(reference, "^#/definitions/([^/]+)$");
        if (match is not { Success: true })
        {
            return [];
        }

        var properties = Document.Value["definitions"]![match.Groups[1].Value]!["properties"] as JsonObject;
        return properties is null ? [] : [.. properties.Select(p => p.Key)];
    }

    internal sealed record Link(
        string Resource,
        string Method,
        string Href,
        string Title,
        Regex Pattern,
        JsonObject TargetSchema,
        List<string> ResourceProperties,
        bool IsList);
}
