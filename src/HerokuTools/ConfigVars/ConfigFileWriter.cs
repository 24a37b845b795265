using System.Text;
using HerokuTools.Workflow;

namespace HerokuTools.ConfigVars;

/// <summary>One key a written config file must hold: its template, or null for "must not be set".</summary>
internal sealed record TargetEntry(string Key, string? Template);

/// <summary>
/// Writes config files: a new one from scratch, or an existing one edited in place (changed values replaced,
/// gone keys removed, new keys appended), so its comments and key order stay. Every result is read back and
/// compared with the target before it is returned.
/// </summary>
internal static class ConfigFileWriter
{
    private const int DefaultIndent = 4;

    public static string Create(IReadOnlyList<TargetEntry> target, IEnumerable<string> headerComments)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(headerComments);
        var text = new StringBuilder();
        foreach (var line in headerComments)
        {
            text.Append("# ").Append(line).Append('\n');
        }

        text.Append(ConfigFileReader.Settings).Append(':').Append(target.Count == 0 ? " {}\n" : "\n");
        foreach (var entry in target)
        {
            text.Append(YamlScalarWriter.Entry(entry.Key, entry.Template, DefaultIndent));
        }

        var result = text.ToString();
        return Matches(result, target) ? result : throw new InvalidOperationException("a written config file does not read back as written");
    }

    /// <summary>The existing text edited to hold exactly <paramref name="target"/>, or null when its layout cannot be kept.</summary>
    public static string? Update(string text, IReadOnlyList<TargetEntry> target)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(target);
        var layout = ConfigFileLayout.Read(text);
        if (layout is null)
        {
            return null;
        }

        var problems = new List<WorkflowDiagnostic>();
        var existing = ConfigFileReader.Parse(text, "existing", problems).ToDictionary(e => e.Key, e => e.Template, StringComparer.Ordinal);
        if (problems.Count > 0)
        {
            return null;
        }

        var wanted = target.ToDictionary(e => e.Key, e => e.Template, StringComparer.Ordinal);
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var span in layout.Entries)
        {
            if (!wanted.TryGetValue(span.Key, out var template))
            {
                var (start, end) = ConfigFileLayout.WholeEntry(text, span);
                edits.Add((start, end, ""));
            }
            else if (!existing.TryGetValue(span.Key, out var current) || !string.Equals(current, template, StringComparison.Ordinal))
            {
                if (span.ValueIsInline && (template is null || !template.Contains('\n', StringComparison.Ordinal)))
                {
                    // In place, so a comment after the value stays.
                    edits.Add((span.ValueStart, span.ValueEnd, template is null ? "null" : YamlScalarWriter.InlineScalar(template)!));
                }
                else
                {
                    var (start, end) = ConfigFileLayout.WholeEntry(text, span);
                    edits.Add((start, end, YamlScalarWriter.Entry(span.Key, template, layout.Indent)));
                }
            }
        }

        var known = layout.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var added = new StringBuilder();
        foreach (var entry in target.Where(e => !known.Contains(e.Key)))
        {
            added.Append(YamlScalarWriter.Entry(entry.Key, entry.Template, layout.SettingsIsEmpty ? DefaultIndent : layout.Indent));
        }

        if (added.Length > 0)
        {
            var at = layout.AppendAt;
            var prefix = at > 0 && text[at - 1] != '\n' ? "\n" : "";
            edits.Add((at, at, prefix + added));
        }

        var result = new StringBuilder(text);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
        {
            result.Remove(start, end - start).Insert(start, replacement);
        }

        var updated = result.ToString();
        return Matches(updated, target) ? updated : null;
    }

    private static bool Matches(string text, IReadOnlyList<TargetEntry> target)
    {
        var problems = new List<WorkflowDiagnostic>();
        var entries = ConfigFileReader.Parse(text, "written", problems);
        return problems.Count == 0 && entries.Count == target.Count
            && entries.All(e => target.Any(t => t.Key == e.Key && string.Equals(t.Template, e.Template, StringComparison.Ordinal)));
    }
}
