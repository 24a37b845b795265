using HerokuTools.Common;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary><c>--tables a,b</c>: each name must be a table of the source's public schema (a usage error otherwise);
/// a partition is named as such, with its parent to name instead.</summary>
public static class OnlyTables
{
    private const string ParentSql = """
        SELECT p.relname FROM pg_catalog.pg_inherits i
        JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = @name AND c.relispartition
        """;

    /// <exception cref="ToolException">A name is not a table of <paramref name="schema"/> (exit 2).</exception>
    public static async Task CheckAsync(IReadOnlyCollection<string> names, DatabaseSchema schema, NpgsqlConnection source, string sourceLabel, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var name in names.Where(n => schema.Find(n) is null))
        {
            await using var command = new NpgsqlCommand(ParentSql, source);
            command.Parameters.AddWithValue("name", name);
            var parent = await command.ExecuteScalarAsync(cancellation) as string;
            throw new ToolException(parent is null
                ? $"--tables: no table '{name}' in {sourceLabel}'s public schema"
                : $"--tables: '{name}' is a partition of '{parent}'; name the parent (--tables {parent}), whose partitions are refreshed with it", ExitCodes.Usage);
        }
    }
}
