using System.Globalization;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>A table's rows split into key ranges of its integer primary key, for loading on parallel streams.</summary>
internal static class KeyRanges
{
    /// <summary>Up to <paramref name="count"/> conditions that together select every row exactly once (the first
    /// has no lower bound, the last no upper bound), from min and max of the key as <paramref name="source"/>'s
    /// snapshot sees them; none when the table has no single-column integer primary key or too few keys.</summary>
    public static async Task<IReadOnlyList<string>> ForAsync(string table, int count, NpgsqlConnection source, CancellationToken cancellation)
    {
        string? key;
        await using (var command = new NpgsqlCommand("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = @table::regclass AND i.indisprimary AND i.indnkeyatts = 1
              AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
            """, source))
        {
            command.Parameters.AddWithValue("table", Sql.Qualified(SchemaReader.SchemaName, table));
            key = (string?)await command.ExecuteScalarAsync(cancellation);
        }

        if (key is null)
        {
            return [];
        }

        var column = Sql.Identifier(key);
        long min, max;
        await using (var command = new NpgsqlCommand($"SELECT min({column})::bigint, max({column})::bigint FROM {Sql.Qualified(SchemaReader.SchemaName, table)}", source))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            await reader.ReadAsync(cancellation);
            if (reader.IsDBNull(0))
            {
                return [];
            }

            (min, max) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        return Split(column, min, max, count);
    }

    internal static IReadOnlyList<string> Split(string column, long min, long max, int count)
    {
        var span = (decimal)max - min + 1;
        count = (int)Math.Min(count, span);
        if (count < 2)
        {
            return [];
        }

        var bounds = Enumerable.Range(1, count - 1).Select(i => (long)(min + Math.Floor(span * i / count))).ToList();
        var ranges = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var lower = i == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{column} >= {bounds[i - 1]}");
            var upper = i == count - 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{column} < {bounds[i]}");
            ranges.Add(lower is null ? upper! : upper is null ? lower : $"{lower} AND {upper}");
        }

        return ranges;
    }
}
