using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data;

/// <summary>
/// The fail-closed check: every column of every copied table must have a rule, every table must be listed (unless
/// unlisted_tables: skip), and no rule may name a table or column that does not exist or a fake that cannot fit the
/// column's type. Pure: rules and schema in, plan or problems out.
/// </summary>
public static class CopyPlanner
{
    /// <param name="only">With <c>--tables</c>: a partial refresh of these tables only; every other table is left out of the plan (it stays as it is).</param>
    public static (CopyPlan? Plan, IReadOnlyList<CoverageProblem> Problems) Plan(DataRules rules, DatabaseSchema schema, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<CoverageProblem>();
        var tables = new List<TablePlan>();
        var untouched = new List<string>();
        foreach (var name in (only ?? []).Where(n => schema.Find(n) is null))
        {
            problems.Add(new CoverageProblem($"--tables names {name}, which is not a table of the source's public schema"));
        }

        foreach (var table in schema.Tables)
        {
            if (only is not null && !only.Contains(table.Name))
            {
                untouched.Add(table.Name);
                continue;
            }

            var copyable = table.Columns.Where(c => !c.Generated).ToList();
            if (!rules.Tables.TryGetValue(table.Name, out var rule))
            {
                if (rules.SkipUnlistedTables)
                {
                    tables.Add(new TablePlan(table.Name, true, null, [], table.SizeBytes));
                }
                else
                {
                    problems.Add(new CoverageProblem(
                        $"table {table.Name} has no rules (columns: {string.Join(", ", copyable.Select(c => c.Name))}); list it under data.tables, or '{table.Name}: skip'"));
                }

                continue;
            }

            var columns = new List<ColumnPlan>();
            foreach (var column in copyable)
            {
                if (rule.Columns.TryGetValue(column.Name, out var columnRule))
                {
                    if (Misfit(columnRule, column) is { } misfit)
                    {
                        problems.Add(new CoverageProblem($"{table.Name}.{column.Name}: {misfit}", columnRule.Line));
                    }
                    else if (FakeLengths.TooShort(columnRule, column) is { } tooShort)
                    {
                        problems.Add(new CoverageProblem($"{table.Name}.{column.Name} ({column.Type}): {tooShort}", columnRule.Line));
                    }

                    if (columnRule.Kind == ColumnRuleKind.Null && column.NotNull)
                    {
                        problems.Add(new CoverageProblem($"{table.Name}.{column.Name} is NOT NULL, so 'null' cannot be loaded into it; use value:, a fake or keep", columnRule.Line));
                    }

                    columns.Add(new ColumnPlan(column, columnRule));
                }
                else if (!rule.Skip)
                {
                    problems.Add(new CoverageProblem($"{table.Name}.{column.Name} ({column.Type}) has no rule", rule.Line));
                }
            }

            foreach (var (name, columnRule) in rule.Columns)
            {
                var column = table.Find(name);
                if (column is null)
                {
                    problems.Add(new CoverageProblem($"the rule for {table.Name}.{name} names a column that does not exist", columnRule.Line));
                }
                else if (column.Generated)
                {
                    problems.Add(new CoverageProblem($"{table.Name}.{name} is a generated column (computed in the target, never copied); remove its rule", columnRule.Line));
                }
            }

            tables.Add(new TablePlan(table.Name, rule.Skip, rule.Where, columns, table.SizeBytes) { Line = rule.Line });
        }

        foreach (var rule in rules.Tables.Values.Where(r => schema.Find(r.Name) is null))
        {
            problems.Add(new CoverageProblem($"the rules name table {rule.Name}, which does not exist", rule.Line));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var ordered = tables.OrderByDescending(EstimatedCost).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return only is null
            ? (new CopyPlan(ordered, schema.Sequences), problems)
            : (new CopyPlan(ordered, ordered.SelectMany(t => schema.Find(t.Name)!.OwnedSequences).ToList()) { Untouched = untouched }, problems);
    }

    /// <summary>Longest first, so the streams finish together: each faked column costs about as much as passing the table's bytes (measured).</summary>
    private static double EstimatedCost(TablePlan table) =>
        table.Skip ? 0 : table.SizeBytes * (1 + (1.5 * table.Columns.Count(c => c.Rule.IsMaskedInFlight)));

    private static string? Misfit(ColumnRule rule, ColumnSchema column)
    {
        if (rule.Kind == ColumnRuleKind.Hash && !column.IsText)
        {
            return $"hash needs a text column, this is {column.Type} (use null, value: or sql:)";
        }

        if (rule.Kind != ColumnRuleKind.Fake)
        {
            return null;
        }

        var fake = rule.Fake!.Value;
        var fits = fake switch
        {
            FakeKind.Date => column.IsDateTime,
            FakeKind.Ip => column.IsInet || column.IsText,
            _ => column.IsText,
        };
        var needs = fake switch
        {
            FakeKind.Date => "a date or timestamp column",
            FakeKind.Ip => "an inet or text column",
            _ => "a text column",
        };
        return fits ? null : $"fake '{FakeKinds.Name(fake)}' needs {needs}, this is {column.Type}";
    }
}
