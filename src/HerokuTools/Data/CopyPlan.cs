using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data;

/// <summary>What a copy will do, table by table; built by <see cref="CopyPlanner"/> only when every column is covered.</summary>
public sealed record CopyPlan(IReadOnlyList<TablePlan> Tables, IReadOnlyList<string> Sequences)
{
    public IEnumerable<TablePlan> Copied => Tables.Where(t => !t.Skip);

    /// <summary>A partial refresh (<c>--tables</c>): only <see cref="Tables"/> are replaced; these stay as they are in the target.</summary>
    public IReadOnlyList<string>? Untouched { get; init; }

    public bool IsPartial => Untouched is not null;
}

/// <summary>One table: skipped (created empty), or its columns with their rules (generated columns left out).</summary>
public sealed record TablePlan(string Name, bool Skip, string? Where, IReadOnlyList<ColumnPlan> Columns, long SizeBytes)
{
    /// <summary>Where the table's rule is in heroku-tools.yml (0: none), for messages.</summary>
    public int Line { get; init; }

    /// <summary>No column is transformed in flight: the rows pass through without being decoded.</summary>
    public bool PassThrough => Columns.All(c => !c.Rule.IsMaskedInFlight);

    /// <summary>The source query: explicit columns, constants and sql: rules evaluated in the source, the where: subset.</summary>
    public string SelectSql()
    {
        var columns = string.Join(", ", Columns.Select(c => c.SelectExpression));
        var where = Where is null ? "" : $" WHERE ({Where})";
        return $"SELECT {columns} FROM {Sql.Qualified(SchemaReader.SchemaName, Name)}{where}";
    }

    public string ColumnList => string.Join(", ", Columns.Select(c => Sql.Identifier(c.Column.Name)));
}

public sealed record ColumnPlan(ColumnSchema Column, ColumnRule Rule)
{
    public string SelectExpression => Rule.Kind switch
    {
        ColumnRuleKind.Null => $"NULL::{Column.Type}",
        ColumnRuleKind.Value => $"CAST({Sql.Literal(Rule.Text!)} AS {Column.Type})",
        ColumnRuleKind.Sql => $"CAST(({Rule.Text}) AS {Column.Type})",
        _ => Sql.Identifier(Column.Name),
    };
}

/// <summary>One reason the rules do not cover the schema; <see cref="Line"/> points at the rule in heroku-tools.yml (0: none).</summary>
public sealed record CoverageProblem(string Message, int Line = 0);
