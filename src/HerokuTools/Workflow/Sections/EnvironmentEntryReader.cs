using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>A string value as read, with the entry that holds it (for pointing at it later).</summary>
internal readonly record struct ReadText(string Value, SourceEntry Entry);

/// <summary>
/// One item of <c>environments:</c> as read. The parts that could be read are kept even when others could not,
/// so list-wide checks (duplicates, promote_from) still see them; <see cref="Environment"/> is null unless all is well.
/// </summary>
internal sealed record EnvironmentEntry(ReadText? Label, ReadText? AppName, ReadText? PromoteFrom, WorkflowEnvironment? Environment)
{
    public static EnvironmentEntry Unreadable { get; } = new(null, null, null, null);
}

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

    public static EnvironmentEntry Read(SourceNode item, WorkflowReadContext context)
    {
        if (item is not SourceMapping mapping)
        {
            context.Error(item, $"an environment must be a mapping with {Label}, {AppName} and {Branch}, found {item.Kind}");
            return EnvironmentEntry.Unreadable;
        }

        var keys = context.Keys(mapping, KnownKeys, "in an environment");
        var complete = context.Require(mapping, keys, Required, "this environment");

        var label = Text(keys, Label, context);
        var appName = Text(keys, AppName, context);
        if (appName is { } app && !HerokuAppName.IsValid(app.Value))
        {
            context.Warn(app.Entry.Value, $"app_name '{app.Value}' is not a name Heroku accepts ({HerokuAppName.Rule})");
        }
        var branch = Text(keys, Branch, context);
        var promoteFrom = Text(keys, PromoteFrom, context);
        var isProtected = keys.TryGetValue(Protected, out var p) ? context.Boolean(p) : false;

        var ok = complete && label is not null && appName is not null && branch is not null && isProtected is not null
            && (promoteFrom is not null || !keys.ContainsKey(PromoteFrom));
        var environment = ok
            ? new WorkflowEnvironment(label!.Value.Value, appName!.Value.Value, branch!.Value.Value, isProtected!.Value, promoteFrom?.Value)
            : null;
        return new EnvironmentEntry(label, appName, promoteFrom, environment);
    }

    private static ReadText? Text(IReadOnlyDictionary<string, SourceEntry> keys, string key, WorkflowReadContext context) =>
        keys.TryGetValue(key, out var entry) && context.String(entry) is { } value ? new ReadText(value, entry) : null;
}
