using HerokuTools.Data.Schema;

namespace HerokuTools.Data.Copy;

/// <summary>
/// What a partial refresh (<c>--tables</c>) needs of the target before it touches anything, and the order it loads
/// the tables in. Pure: the plan and the target's schema in, a refusal (one line) or an order out.
/// </summary>
public static class PartialRefreshCheck
{
    /// <summary>Why the refresh cannot run, or null: the target lacks a table, column or sequence the copy writes, or
    /// a table outside the list references one in it (its rows would point at rows that are replaced).</summary>
    public static string? Refusal(CopyPlan plan, DatabaseSchema target, IReadOnlyList<ForeignKey> targetKeys, string sourceLabel, string targetLabel)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(targetKeys);
        var differences = new List<string>();
        foreach (var table in plan.Tables)
        {
            if (target.Find(table.Name) is not { } there)
            {
                differences.Add($"no table {table.Name}");
                continue;
            }

            foreach (var column in table.Columns)
            {
                var match = there.Find(column.Column.Name);
                if (match is null || match.Generated)
                {
                    differences.Add($"no column {table.Name}.{column.Column.Name}");
                }
                else if (match.Type != column.Column.Type)
                {
                    differences.Add($"{table.Name}.{column.Column.Name} is {match.Type}, not {column.Column.Type}");
                }
            }
        }

        differences.AddRange(plan.Sequences.Where(s => !target.Sequences.Contains(s)).Select(s => $"no sequence {s}"));
        if (differences.Count > 0)
        {
            return $"the schema of {targetLabel} differs from {sourceLabel}'s for these tables ({string.Join("; ", differences)}); migrate {targetLabel} first, or copy everything (without --tables)";
        }

        var listed = plan.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var outside = targetKeys.Where(k => listed.Contains(k.References) && !listed.Contains(k.Table)).ToList();
        if (outside.Count > 0)
        {
            var tables = outside.Select(k => k.Table).Distinct().Order(StringComparer.Ordinal).ToList();
            return $"{string.Join(", ", outside.Select(k => $"{k.Table} references {k.References} ({k.Name})"))} in {targetLabel}, and {string.Join(", ", tables)} {(tables.Count == 1 ? "is" : "are")} not in --tables; add {string.Join(",", tables)} to --tables";
        }

        return null;
    }

    /// <summary>Referenced tables before the tables that reference them (a cycle keeps the plan's order).</summary>
    public static IReadOnlyList<TablePlan> ParentsFirst(IReadOnlyList<TablePlan> tables, IReadOnlyList<ForeignKey> keys)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(keys);
        var listed = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var parents = tables.ToDictionary(t => t.Name, t => keys
            .Where(k => k.Table == t.Name && k.References != t.Name && listed.Contains(k.References))
            .Select(k => k.References).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var ordered = new List<TablePlan>();
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(t => parents[t.Name].All(p => ordered.Any(o => o.Name == p))) ?? pending[0];
            ordered.Add(ready);
            pending.Remove(ready);
        }

        return ordered;
    }
}
