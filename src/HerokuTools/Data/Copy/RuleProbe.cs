using HerokuTools.Data.Rules;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Checks on the source, before any data moves, that the rules evaluated there work: each table's SELECT (value:
/// constants cast to the column type, sql: expressions, where:) is prepared and run with LIMIT 0, in one round trip
/// per table that has such rules; only when it fails is each rule tried alone to name the culprit. Runs inside the
/// caller's transaction (each probe under a savepoint), so no row is read.
/// </summary>
public static class RuleProbe
{
    private const string Savepoint = "heroku_tools_probe";

    public static async Task<IReadOnlyList<CoverageProblem>> CheckAsync(CopyPlan plan, NpgsqlConnection source, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<CoverageProblem>();
        foreach (var table in plan.Copied.Where(t => t.Where is not null || t.Columns.Any(c => c.Rule.Kind is ColumnRuleKind.Value or ColumnRuleKind.Sql)))
        {
            if (await FailureAsync(source, table.SelectSql(), cancellation) is not { } whole)
            {
                continue;
            }

            var from = Sql.Qualified(SchemaReader.SchemaName, table.Name);
            var found = false;
            foreach (var column in table.Columns.Where(c => c.Rule.Kind is ColumnRuleKind.Value or ColumnRuleKind.Sql))
            {
                if (await FailureAsync(source, $"SELECT {column.SelectExpression} FROM {from}", cancellation) is { } error)
                {
                    found = true;
                    problems.Add(new CoverageProblem(
                        $"{table.Name}.{column.Column.Name} ({column.Column.Type}): '{column.Rule.Describe()}' does not work on the source: {error}", column.Rule.Line));
                }
            }

            if (table.Where is not null && await FailureAsync(source, $"SELECT 1 FROM {from} WHERE ({table.Where})", cancellation) is { } where)
            {
                found = true;
                problems.Add(new CoverageProblem($"{table.Name}: 'where: {table.Where}' does not work on the source: {where}", table.Line));
            }

            if (!found)
            {
                problems.Add(new CoverageProblem($"{table.Name}: the rules' SELECT fails on the source: {whole}", table.Line));
            }
        }

        return problems;
    }

    /// <summary>The server's message when <paramref name="select"/> with LIMIT 0 fails; null when it works.</summary>
    private static async Task<string?> FailureAsync(NpgsqlConnection source, string select, CancellationToken cancellation)
    {
        try
        {
            await using var probe = new NpgsqlCommand($"SAVEPOINT {Savepoint}; {select} LIMIT 0; RELEASE SAVEPOINT {Savepoint}", source);
            await probe.ExecuteNonQueryAsync(cancellation);
            return null;
        }
        catch (PostgresException e)
        {
            await using var rollback = new NpgsqlCommand($"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint}", source);
            await rollback.ExecuteNonQueryAsync(cancellation);
            return CopyErrors.Describe(e);
        }
    }
}
