using HerokuTools.Common;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow;

/// <summary>The checks every section shares: known keys (with did-you-mean), duplicates, required keys, value types.</summary>
internal sealed class WorkflowReadContext(WorkflowDiagnostics diagnostics)
{
    public void Error(SourceNode at, string message) => diagnostics.Add(at.Start, message);

    /// <summary>Accepted, but probably wrong: reported by check and deploy; the file still loads.</summary>
    public void Warn(SourceNode at, string message) => diagnostics.Warn(at.Start, message);

    /// <summary>
    /// The first entry of each known key. Reports unknown keys (<paramref name="where"/> says where, e.g. "in an
    /// environment"), repeated keys and keys that are not plain names.
    /// </summary>
    public IReadOnlyDictionary<string, SourceEntry> Keys(SourceMapping mapping, IReadOnlyList<string> known, string where)
    {
        var found = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        var seen = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not SourceScalar { IsNull: false } key)
            {
                Error(entry.Key, $"a key must be a name, found {entry.Key.Kind}");
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                Error(key, FormattableString.Invariant($"duplicate key '{key.Value}' (first at line {first.Key.Start.Line})"));
                continue;
            }

            seen.Add(key.Value, entry);
            if (known.Contains(key.Value, StringComparer.Ordinal))
            {
                found.Add(key.Value, entry);
                continue;
            }

            var suggestion = DidYouMean.Suggest(key.Value, known);
            Error(key, suggestion is null
                ? $"unknown key '{key.Value}' {where} (expected: {string.Join(", ", known)})"
                : $"unknown key '{key.Value}' {where}; did you mean '{suggestion}'?");
        }

        return found;
    }

    /// <summary>Reports, at the mapping, each required key it lacks; true when none is missing.</summary>
    public bool Require(SourceMapping mapping, IReadOnlyDictionary<string, SourceEntry> found, IEnumerable<string> required, string what)
    {
        var ok = true;
        foreach (var key in required.Where(k => !found.ContainsKey(k)))
        {
            Error(mapping, $"{what} is missing '{key}'");
            ok = false;
        }

        return ok;
    }

    /// <summary>The entry's value as a non-empty string, or null after reporting why it is not one.</summary>
    public string? String(SourceEntry entry)
    {
        var name = entry.Name;
        if (entry.Value is not SourceScalar scalar)
        {
            Error(entry.Value, $"'{name}' must be a string, found {entry.Value.Kind}");
            return null;
        }

        if (scalar.IsNull || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(scalar.IsNull ? entry.Key : scalar, $"'{name}' is empty");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>The entry's value as true/false, or null after reporting why it is not one.</summary>
    public bool? Boolean(SourceEntry entry)
    {
        if (entry.Value is SourceScalar { Boolean: { } value })
        {
            return value;
        }

        var found = entry.Value is SourceScalar { IsNull: false } scalar ? $"'{scalar.Value}'" : entry.Value.Kind;
        Error(entry.Value is SourceScalar { IsNull: true } ? entry.Key : entry.Value, $"'{entry.Name}' must be true or false, found {found}");
        return null;
    }
}
