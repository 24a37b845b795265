using HerokuTools.Common;
using HerokuTools.Data.Rules;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>
/// <c>data:</c> the anonymisation rules for <c>heroku-tools data copy</c>: key_env (required), unlisted_tables,
/// database_var, and per table <c>skip</c> or a mapping of where/columns. Each column rule is <c>keep</c>,
/// <c>null</c>, <c>hash</c>, a fake kind (<c>email</c>, ...) or a mapping <c>{ value: X }</c> / <c>{ sql: X }</c>.
/// </summary>
internal sealed class DataSection : IWorkflowSection
{
    public const string KeyEnv = "key_env";
    public const string UnlistedTables = "unlisted_tables";
    public const string DatabaseVar = "database_var";
    public const string Tables = "tables";

    private static readonly string[] TableKeys = ["skip", "where", "columns"];
    private static readonly string[] ColumnMappingKeys = ["value", "sql"];

    public string Key => "data";

    public bool Required => false;

    public IReadOnlyList<string> KnownKeys { get; } = [KeyEnv, UnlistedTables, DatabaseVar, Tables];

    public void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft)
    {
        if (section.Value is not SourceMapping mapping)
        {
            context.Error(section.Value, $"'data' must be a mapping ({string.Join(", ", KnownKeys)}), found {section.Value.Kind}");
            return;
        }

        var keys = context.Keys(mapping, KnownKeys, "in 'data'");
        var ok = context.Require(mapping, keys, [KeyEnv], "'data'");
        var keyEnv = keys.TryGetValue(KeyEnv, out var k) ? context.String(k) : null;
        var databaseVar = keys.TryGetValue(DatabaseVar, out var d) ? context.String(d) : DataRules.DefaultDatabaseVar;
        var skipUnlisted = false;
        if (keys.TryGetValue(UnlistedTables, out var u))
        {
            switch (context.String(u))
            {
                case "refuse":
                    break;
                case "skip":
                    skipUnlisted = true;
                    break;
                case { } other:
                    context.Error(u.Value, $"'unlisted_tables' must be refuse or skip, found '{other}'");
                    ok = false;
                    break;
                default:
                    ok = false;
                    break;
            }
        }

        var tables = new Dictionary<string, TableRule>(StringComparer.Ordinal);
        if (keys.TryGetValue(Tables, out var t) && !(t.Value is SourceScalar { IsNull: true }))
        {
            if (t.Value is SourceMapping tableMapping)
            {
                ok &= ReadTables(tableMapping, context, tables);
            }
            else
            {
                context.Error(t.Value, $"'tables' must be a mapping of table name to its rules, found {t.Value.Kind}");
                ok = false;
            }
        }

        if (ok && keyEnv is not null && databaseVar is not null)
        {
            draft.Data = new DataRules(keyEnv, skipUnlisted, databaseVar, tables);
        }
    }

    private static bool ReadTables(SourceMapping mapping, WorkflowReadContext context, Dictionary<string, TableRule> tables)
    {
        var ok = true;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not SourceScalar { IsNull: false } key)
            {
                context.Error(entry.Key, $"a table name must be a name, found {entry.Key.Kind}");
                ok = false;
                continue;
            }

            if (tables.ContainsKey(key.Value))
            {
                context.Error(key, $"duplicate table '{key.Value}'");
                ok = false;
                continue;
            }

            var rule = ReadTable(key.Value, entry, context);
            if (rule is null)
            {
                ok = false;
                continue;
            }

            tables.Add(key.Value, rule);
        }

        return ok;
    }

    private static TableRule? ReadTable(string name, SourceEntry entry, WorkflowReadContext context)
    {
        var line = entry.Key.Start.Line;
        if (entry.Value is SourceScalar { IsPlain: true, Value: "skip" })
        {
            return new TableRule(name, true, null, new Dictionary<string, ColumnRule>(), line);
        }

        if (entry.Value is not SourceMapping mapping)
        {
            context.Error(entry.Value, $"table '{name}' must be skip or a mapping with columns (and optionally where), found {entry.Value.Kind}");
            return null;
        }

        var keys = context.Keys(mapping, TableKeys, $"in table '{name}'");
        var ok = keys.Count == mapping.Entries.Count;
        var skip = keys.TryGetValue("skip", out var s) ? context.Boolean(s) : false;
        ok &= skip is not null;
        var where = keys.TryGetValue("where", out var w) ? context.String(w) : null;
        ok &= w is null || where is not null;
        var columns = new Dictionary<string, ColumnRule>(StringComparer.Ordinal);
        if (keys.TryGetValue("columns", out var c))
        {
            if (c.Value is SourceMapping columnMapping)
            {
                ok &= ReadColumns(name, columnMapping, context, columns);
            }
            else if (c.Value is not SourceScalar { IsNull: true })
            {
                context.Error(c.Value, $"'columns' of table '{name}' must be a mapping of column name to rule, found {c.Value.Kind}");
                ok = false;
            }
        }
        else if (skip != true)
        {
            context.Error(mapping, $"table '{name}' has no 'columns' (give every column a rule, or write '{name}: skip')");
            ok = false;
        }

        return ok ? new TableRule(name, skip == true, where, columns, line) : null;
    }

    private static bool ReadColumns(string table, SourceMapping mapping, WorkflowReadContext context, Dictionary<string, ColumnRule> columns)
    {
        var ok = true;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not SourceScalar { IsNull: false } key)
            {
                context.Error(entry.Key, $"a column name must be a name, found {entry.Key.Kind}");
                ok = false;
                continue;
            }

            if (columns.ContainsKey(key.Value))
            {
                context.Error(key, $"duplicate column '{key.Value}' in table '{table}'");
                ok = false;
                continue;
            }

            var rule = ReadColumn(entry, context);
            if (rule is null)
            {
                ok = false;
                continue;
            }

            columns.Add(key.Value, rule);
        }

        return ok;
    }

    private static ColumnRule? ReadColumn(SourceEntry entry, WorkflowReadContext context)
    {
        var line = entry.Key.Start.Line;
        var kinds = $"keep, null, hash, {string.Join(", ", FakeKinds.Names)}, {{ value: X }} or {{ sql: EXPR }}";
        switch (entry.Value)
        {
            case SourceScalar { IsPlain: true, Value: "null" or "Null" or "NULL" or "~" }:
                return new ColumnRule(ColumnRuleKind.Null, Line: line);
            case SourceScalar { IsNull: false, IsPlain: true } scalar:
                switch (scalar.Value)
                {
                    case "keep":
                        return new ColumnRule(ColumnRuleKind.Keep, Line: line);
                    case "null":
                        return new ColumnRule(ColumnRuleKind.Null, Line: line);
                    case "hash":
                        return new ColumnRule(ColumnRuleKind.Hash, Line: line);
                }

                if (FakeKinds.Parse(scalar.Value) is { } fake)
                {
                    return new ColumnRule(ColumnRuleKind.Fake, Fake: fake, Line: line);
                }

                var suggestion = DidYouMean.Suggest(scalar.Value, ["keep", "null", "hash", .. FakeKinds.Names]);
                context.Error(scalar, suggestion is null
                    ? $"unknown rule '{scalar.Value}' for column '{entry.Name}' (expected {kinds})"
                    : $"unknown rule '{scalar.Value}' for column '{entry.Name}'; did you mean '{suggestion}'?");
                return null;
            case SourceMapping mapping:
                var keys = context.Keys(mapping, ColumnMappingKeys, $"in the rule of column '{entry.Name}'");
                if (keys.Count != 1 || mapping.Entries.Count != 1)
                {
                    if (keys.Count == mapping.Entries.Count)
                    {
                        context.Error(mapping, $"the rule of column '{entry.Name}' must have exactly one of value, sql");
                    }

                    return null;
                }

                var (name, inner) = keys.First();
                if (name == "value")
                {
                    if (inner.Value is SourceScalar { IsNull: true })
                    {
                        return new ColumnRule(ColumnRuleKind.Null, Line: line);
                    }

                    if (inner.Value is not SourceScalar constant)
                    {
                        context.Error(inner.Value, $"'value' must be a constant, found {inner.Value.Kind}");
                        return null;
                    }

                    return new ColumnRule(ColumnRuleKind.Value, constant.Value, Line: line);
                }

                return context.String(inner) is { } sql ? new ColumnRule(ColumnRuleKind.Sql, sql, Line: line) : null;
            default:
                context.Error(entry.Value is SourceScalar { IsNull: true } ? entry.Key : entry.Value,
                    $"column '{entry.Name}' needs a rule ({kinds})");
                return null;
        }
    }
}
