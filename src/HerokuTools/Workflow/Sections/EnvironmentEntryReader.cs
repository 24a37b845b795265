using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>An environment as read, with the nodes later checks point at.</summary>
internal sealed record EnvironmentEntry(WorkflowEnvironment Environment, SourceEntry Label, SourceEntry AppName, SourceEntry? PromoteFrom);

/// <summary>Reads one item of <c>environments:</c>: label, app_name, branch, protected, promote_from.</summary>
internal static class EnvironmentEntryReader
{
    public const string Label = "label";
    public const string AppName = "app_name";
    public const string Branch = "branch";
    public const string Protected = "protected";
    public const string PromoteFrom = "promote_from";

    public static IReadOnlyList<string> KnownKeys { get; } = [Label, AppName, Branch, Protected, PromoteFrom];

    private static readonly string[] Required = [Label, AppName, Branch];

    /// <summary>The environment, or null when it has problems (all of them reported).</summary>
    public static EnvironmentEntry? Read(SourceNode item, WorkflowReadContext context)
    {
        if (item is not SourceMapping mapping)
        {
            context.Error(item, $"an environment must be a mapping with {Label}, {AppName} and {Branch}, found {item.Kind}");
            return null;
        }

        var keys = context.Keys(mapping, KnownKeys, "in an environment");
        var complete = context.Require(mapping, keys, Required, "this environment");

        var label = Text(keys, Label, context);
        var appName = Text(keys, AppName, context);
        var branch = Text(keys, Branch, context);
        var promoteFrom = Text(keys, PromoteFrom, context);
        var isProtected = keys.TryGetValue(Protected, out var p) ? context.Boolean(p) : false;

        if (!complete || label is null || appName is null || branch is null || isProtected is null
            || (keys.ContainsKey(PromoteFrom) && promoteFrom is null))
        {
            return null;
        }

        return new EnvironmentEntry(
            new WorkflowEnvironment(label, appName, branch, isProtected.Value, promoteFrom),
            keys[Label],
            keys[AppName],
            keys.GetValueOrDefault(PromoteFrom));
    }

    private static string? Text(IReadOnlyDictionary<string, SourceEntry> keys, string key, WorkflowReadContext context) =>
        keys.TryGetValue(key, out var entry) ? context.String(entry) : null;
}
