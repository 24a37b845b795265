using HerokuTools.Common;
using HerokuTools.Workflow.Sections;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow;

/// <summary>
/// Reads and validates heroku-tools.yml. Every problem is collected and reported together as a
/// <see cref="WorkflowException"/> (exit code 2), one <c>path:line:col: message</c> line each.
/// </summary>
public static class WorkflowLoader
{
    /// <summary>The key under which <see cref="KnownKeys"/> lists the top-level keys.</summary>
    public const string TopLevel = "";

    /// <summary>
    /// The keys the loader accepts: <see cref="TopLevel"/> maps to the top-level keys, and each section's key to
    /// the keys inside it (inside each item for a list section). The JSON Schema is tested against this.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KnownKeys { get; } = BuildKnownKeys();

    /// <summary>Reads the file at <paramref name="path"/>; diagnostics name it as <paramref name="displayPath"/> (default: the path as given).</summary>
    public static WorkflowConfig Load(string path, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        displayPath ??= path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{displayPath}: cannot read: {ex.Message}", ExitCodes.Usage, ex);
        }

        return Parse(text, displayPath, path);
    }

    /// <summary>Validates YAML text; <paramref name="sourcePath"/> (default: the display path) becomes <see cref="WorkflowConfig.SourcePath"/>.</summary>
    public static WorkflowConfig Parse(string yamlText, string displayPath, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(displayPath);
        var diagnostics = new WorkflowDiagnostics(displayPath);
        var root = SourceTreeReader.Read(yamlText, diagnostics);
        var draft = new WorkflowDraft();
        if (!diagnostics.Any)
        {
            ReadRoot(root, new WorkflowReadContext(diagnostics), diagnostics, draft);
        }

        if (diagnostics.Any)
        {
            throw new WorkflowException(diagnostics.Sorted());
        }

        return draft.Build(sourcePath ?? displayPath) with { Warnings = diagnostics.SortedWarnings() };
    }

    private static void ReadRoot(SourceNode? root, WorkflowReadContext context, WorkflowDiagnostics diagnostics, WorkflowDraft draft)
    {
        var sections = WorkflowSections.All;
        var topKeys = KnownKeys[TopLevel];
        if (root is null)
        {
            diagnostics.Add(new SourcePosition(1, 1),
                "the file is empty; it needs an 'environments' list (run 'heroku-tools init' to write a starter)");
            return;
        }

        if (root is not SourceMapping mapping)
        {
            context.Error(root, $"the top level must be a mapping of {string.Join(", ", topKeys)}, found {root.Kind}");
            return;
        }

        var found = context.Keys(mapping, topKeys, "at the top level");
        context.Require(mapping, found, sections.Where(s => s.Required).Select(s => s.Key), "the file");
        foreach (var section in sections)
        {
            if (found.TryGetValue(section.Key, out var entry))
            {
                section.Read(entry, context, draft);
            }
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> BuildKnownKeys()
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [TopLevel] = WorkflowSections.All.Select(s => s.Key).ToArray(),
        };
        foreach (var section in WorkflowSections.All)
        {
            keys[section.Key] = section.KnownKeys;
        }

        return keys;
    }
}
