using Npgsql;

namespace HerokuTools.Data.Schema;

/// <summary>Reads the <c>public</c> schema's tables, columns (type, generated, unique) and sequences.</summary>
public static class SchemaReader
{
    public const string SchemaName = "public";

    private const string ColumnsSql = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, t.typcategory::text,
               a.attgenerated <> '', EXISTS (
                   SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND a.attnum = ANY (i.indkey)),
               pg_relation_size(c.oid), a.attnotnull
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relname, a.attnum
        """;

    private const string SequencesSql = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relname
        """;

    private const string OwnedSequencesSql = """
        SELECT t.relname, s.relname FROM pg_depend d
        JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
        JOIN pg_class t ON t.oid = d.refobjid
        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
          AND s.relnamespace = 'public'::regnamespace AND t.relnamespace = 'public'::regnamespace
        ORDER BY 1, 2
        """;

    private const string ForeignKeysSql = """
        SELECT c.conname, f.relname, r.relname FROM pg_constraint c
        JOIN pg_class f ON f.oid = c.conrelid
        JOIN pg_class r ON r.oid = c.confrelid
        WHERE c.contype = 'f' AND r.relnamespace = 'public'::regnamespace AND f.relnamespace = 'public'::regnamespace
        ORDER BY 2, 1
        """;

    /// <summary>Reads the schema on <paramref name="connection"/> (inside its current transaction, if any).</summary>
    public static async Task<DatabaseSchema> ReadAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<TableSchema>();
        await using (var command = new NpgsqlCommand(ColumnsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            string? current = null;
            long size = 0;
            var columns = new List<ColumnSchema>();
            while (await reader.ReadAsync(cancellation))
            {
                var table = reader.GetString(0);
                if (current is not null && table != current)
                {
                    tables.Add(new TableSchema(current, columns, size));
                    columns = [];
                }

                current = table;
                size = reader.GetInt64(7);
                columns.Add(new ColumnSchema(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4)[0], reader.GetBoolean(5), reader.GetBoolean(6)) { NotNull = reader.GetBoolean(8) });
            }

            if (current is not null)
            {
                tables.Add(new TableSchema(current, columns, size));
            }
        }

        var sequences = new List<string>();
        await using (var command = new NpgsqlCommand(SequencesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                sequences.Add(reader.GetString(0));
            }
        }

        var owned = new List<(string Table, string Sequence)>();
        await using (var command = new NpgsqlCommand(OwnedSequencesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                owned.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        tables = tables.Select(t => t with { OwnedSequences = owned.Where(o => o.Table == t.Name).Select(o => o.Sequence).ToList() }).ToList();
        return new DatabaseSchema(tables, sequences);
    }

    /// <summary>The foreign keys between tables of the <c>public</c> schema.</summary>
    public static async Task<IReadOnlyList<ForeignKey>> ReadForeignKeysAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = new List<ForeignKey>();
        await using var command = new NpgsqlCommand(ForeignKeysSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            keys.Add(new ForeignKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }
}
