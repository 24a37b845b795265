using HerokuTools.Data.Masking;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// The canary check after loading: samples source values of each masked column (in the source's snapshot) and looks
/// for them in the copy, which may still be uncommitted on <c>target</c>. The sample is spread across the table
/// (<c>TABLESAMPLE SYSTEM</c> reading about <see cref="SamplePages"/> pages, random order within them; a small table
/// is sampled whole), not its first, oldest rows. Shifted dates are not checked (another row's original date may be
/// a fake's value); the result names those columns.
/// </summary>
internal static class Canary
{
    private const int SampleSize = 20;

    /// <summary>About this many pages (8 kB) are read per masked table; tables up to twice that are read whole.</summary>
    internal const int SamplePages = 32;

    private const long PageBytes = 8192;

    /// <summary>The rows the sample is drawn from: the whole table when small, else a page sample of about <see cref="SamplePages"/> pages.</summary>
    internal static string SampleSource(TablePlan table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var from = Sql.Qualified(SchemaReader.SchemaName, table.Name);
        var pages = table.SizeBytes / PageBytes;
        if (pages <= SamplePages * 2)
        {
            return from;
        }

        var percent = 100.0 * SamplePages / pages;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{from} TABLESAMPLE SYSTEM ({percent:0.######})");
    }

    /// <summary>Samples source values of each masked column and looks for them in the copy (before the swap).</summary>
    public static async Task<CanaryResult> CheckAsync(IEnumerable<TablePlan> tables, NpgsqlConnection source, NpgsqlConnection target, string targetSchema, CancellationToken cancellation)
    {
        var leaks = new List<string>();
        var uncheckable = new List<string>();
        var columns = 0;
        var values = 0;
        foreach (var table in tables)
        {
            uncheckable.AddRange(table.Columns.Where(c => c.Rule.Fake == Rules.FakeKind.Date).Select(c => $"{table.Name}.{c.Column.Name}"));
            var checkedColumns = table.Columns.Where(c => c.Rule.IsMasked && c.Rule.Kind != Rules.ColumnRuleKind.Null
                && c.Rule.Fake != Rules.FakeKind.Date).ToList();
            if (checkedColumns.Count == 0)
            {
                continue;
            }

            var samples = new List<string[]>();
            foreach (var column in checkedColumns)
            {
                var name = Sql.Identifier(column.Column.Name);
                var where = table.Where is null ? "" : $" AND ({table.Where})";
                // A few pages spread across the table (or all of a small one), in random order: cheap, and not just the
                // oldest rows. Size 0 is unknown (a partitioned table's parent): the first rows, as a full sort could cost as much as the copy.
                var order = table.SizeBytes > 0 ? " ORDER BY random()" : "";
                var sql = $"SELECT DISTINCT v FROM (SELECT {name}::text AS v FROM {SampleSource(table)} WHERE {name} IS NOT NULL AND {name}::text <> ''{where}{order} LIMIT {SampleSize * 5}) s LIMIT {SampleSize}";
                var sample = new List<string>();
                await using (var command = new NpgsqlCommand(sql, source))
                await using (var reader = await command.ExecuteReaderAsync(cancellation))
                {
                    while (await reader.ReadAsync(cancellation))
                    {
                        var value = reader.GetString(0);
                        if (!(column.Rule.Kind == Rules.ColumnRuleKind.Value && value == column.Rule.Text))
                        {
                            sample.Add(value);
                        }
                    }
                }

                samples.Add(sample.ToArray());
                values += sample.Count;
                columns++;
            }

            var conditions = checkedColumns.Select((c, i) => $"{Sql.Identifier(c.Column.Name)}::text = ANY(@s{i})");
            var select = string.Join(", ", checkedColumns.Select(c => $"{Sql.Identifier(c.Column.Name)}::text"));
            await using var find = new NpgsqlCommand(
                $"SELECT {select} FROM {Sql.Qualified(targetSchema, table.Name)} WHERE {string.Join(" OR ", conditions)} LIMIT 1000", target);
            for (var i = 0; i < samples.Count; i++)
            {
                find.Parameters.AddWithValue($"s{i}", samples[i]);
            }

            await using var hits = await find.ExecuteReaderAsync(cancellation);
            var found = new SortedSet<string>(StringComparer.Ordinal);
            while (await hits.ReadAsync(cancellation))
            {
                for (var i = 0; i < checkedColumns.Count; i++)
                {
                    if (hits.IsDBNull(i))
                    {
                        continue;
                    }

                    var value = hits.GetString(i);
                    var rule = checkedColumns[i].Rule;
                    var harmless = rule.Kind == Rules.ColumnRuleKind.Fake && Anonymiser.CouldProduce(rule.Fake!.Value, value);
                    if (!harmless && samples[i].Contains(value, StringComparer.Ordinal))
                    {
                        found.Add($"{table.Name}.{checkedColumns[i].Column.Name} ({rule.Describe()})");
                    }
                }
            }

            leaks.AddRange(found);
        }

        return new CanaryResult(columns, values, leaks) { Unchecked = uncheckable };
    }
}
