using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>
/// <c>environments:</c> the apps in promotion order (top first). Checks the list as a whole: non-empty, unique
/// labels and app names, and each promote_from naming an environment further down.
/// </summary>
internal sealed class EnvironmentsSection : IWorkflowSection
{
    public string Key => "environments";

    public bool Required => true;

    public IReadOnlyList<string> KnownKeys => EnvironmentEntryReader.KnownKeys;

    public void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft)
    {
        if (section.Value is SourceScalar { IsNull: true } or SourceSequence { Items.Count: 0 })
        {
            context.Error(section.Key, "'environments' is empty; list each app, top (e.g. live) first");
            return;
        }

        if (section.Value is not SourceSequence list)
        {
            context.Error(section.Value, $"'environments' must be a list ('- label: ...' items), found {section.Value.Kind}");
            return;
        }

        var entries = list.Items.Select(item => EnvironmentEntryReader.Read(item, context)).ToList();
        ReportDuplicates(entries.Select(e => e.Label), "label", context);
        ReportDuplicates(entries.Select(e => e.AppName), "app_name", context);
        ReportBadPromoteFrom(entries, context);
        draft.Environments.AddRange(entries.Select(e => e.Environment).OfType<WorkflowEnvironment>());
    }

    private static void ReportDuplicates(IEnumerable<ReadText?> values, string name, WorkflowReadContext context)
    {
        var first = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        foreach (var (value, entry) in values.OfType<ReadText>())
        {
            if (!first.TryAdd(value, entry))
            {
                context.Error(entry.Value, FormattableString.Invariant(
                    $"duplicate {name} '{value}' (already used at line {first[value].Value.Start.Line})"));
            }
        }
    }

    /// <summary>
    /// promote_from must name another environment further down the list. When some label could not be read, an
    /// unknown name is not reported (it may be that one).
    /// </summary>
    private static void ReportBadPromoteFrom(List<EnvironmentEntry> entries, WorkflowReadContext context)
    {
        var labels = entries.Select(e => e.Label?.Value).ToList();
        var allLabelsRead = labels.All(l => l is not null);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].PromoteFrom is not { } promoteFrom)
            {
                continue;
            }

            var (source, at) = promoteFrom;

            var index = labels.IndexOf(source);
            if (index < 0 && allLabelsRead)
            {
                var readable = entries.Select(e => e.Environment).OfType<WorkflowEnvironment>().ToList();
                var suggestion = EnvironmentNames.Suggest(source, readable);
                var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
                context.Error(at.Value, $"promote_from '{source}' is not an environment (known: {string.Join(", ", labels)}){hint}");
            }
            else if (index == i)
            {
                context.Error(at.Value, $"promote_from '{source}' names this environment itself");
            }
            else if (index >= 0 && index < i)
            {
                context.Error(at.Value,
                    $"promote_from '{source}' is above '{labels[i] ?? "this environment"}'; promote from an environment further down the list (code moves up)");
            }
        }
    }
}
