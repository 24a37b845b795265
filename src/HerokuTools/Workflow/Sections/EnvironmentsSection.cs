using HerokuTools.Common;
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
        if (section.Value is SourceScalar { IsNull: true } || section.Value is SourceSequence { Items.Count: 0 })
        {
            context.Error(section.Key, "'environments' is empty; list each app, top (e.g. live) first");
            return;
        }

        if (section.Value is not SourceSequence list)
        {
            context.Error(section.Value, $"'environments' must be a list ('- label: ...' items), found {section.Value.Kind}");
            return;
        }

        var entries = new List<EnvironmentEntry>();
        var anyBroken = false;
        foreach (var item in list.Items)
        {
            var entry = EnvironmentEntryReader.Read(item, context);
            if (entry is null)
            {
                anyBroken = true;
            }
            else
            {
                entries.Add(entry);
            }
        }

        ReportDuplicates(entries, e => e.Label, "label", context);
        ReportDuplicates(entries, e => e.AppName, "app_name", context);
        ReportBadPromoteFrom(entries, complete: !anyBroken, context);
        draft.Environments.AddRange(entries.Select(e => e.Environment));
    }

    private static void ReportDuplicates(List<EnvironmentEntry> entries, Func<EnvironmentEntry, SourceEntry> field, string name, WorkflowReadContext context)
    {
        var first = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var node = field(entry);
            var value = ((SourceScalar)node.Value).Value;
            if (first.TryGetValue(value, out var earlier))
            {
                context.Error(node.Value, FormattableString.Invariant(
                    $"duplicate {name} '{value}' (already used at line {earlier.Value.Start.Line})"));
            }
            else
            {
                first.Add(value, node);
            }
        }
    }

    /// <summary>
    /// promote_from must name another environment further down the list. When some entries could not be read,
    /// an unknown name is not reported (it may be the broken one).
    /// </summary>
    private static void ReportBadPromoteFrom(List<EnvironmentEntry> entries, bool complete, WorkflowReadContext context)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var (environment, _, _, promoteFrom) = entries[i];
            if (promoteFrom is null || environment.PromoteFrom is not { } source)
            {
                continue;
            }

            var index = entries.FindIndex(e => string.Equals(e.Environment.Label, source, StringComparison.Ordinal));
            if (index < 0)
            {
                if (complete)
                {
                    var suggestion = EnvironmentNames.Suggest(source, entries.Select(e => e.Environment).ToList());
                    var known = string.Join(", ", entries.Select(e => e.Environment.Label));
                    var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
                    context.Error(promoteFrom.Value, $"promote_from '{source}' is not an environment (known: {known}){hint}");
                }
            }
            else if (index == i)
            {
                context.Error(promoteFrom.Value, $"promote_from '{source}' names this environment itself");
            }
            else if (index < i)
            {
                context.Error(promoteFrom.Value,
                    $"promote_from '{source}' is above '{environment.Label}'; promote from an environment further down the list (code moves up)");
            }
        }
    }
}
