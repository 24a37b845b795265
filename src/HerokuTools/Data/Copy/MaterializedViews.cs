using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// pg_dump's schema sections create materialized views unpopulated (their rows are data). After loading, the ones the
/// source had populated are refreshed in the load schema (over the anonymised rows), in creation order so that one
/// built on another finds it populated, before the swap: a failure leaves the target as it was.
/// </summary>
public static class MaterializedViews
{
    /// <summary>The names of <c>public</c>'s populated materialized views on <paramref name="source"/>.</summary>
    public static async Task<HashSet<string>> PopulatedAsync(NpgsqlConnection source, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT relname FROM pg_catalog.pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'm' AND relispopulated", source);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Refreshes those of <paramref name="names"/> found in <paramref name="schema"/> on <paramref name="target"/>; returns them.</summary>
    public static async Task<IReadOnlyList<string>> RefreshAsync(NpgsqlConnection target, string schema, IReadOnlySet<string> names, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(names);
        var found = new List<string>();
        if (names.Count == 0)
        {
            return found;
        }

        await using (var command = new NpgsqlCommand(
            "SELECT relname FROM pg_catalog.pg_class WHERE relnamespace = @schema::regnamespace AND relkind = 'm' ORDER BY oid", target))
        {
            command.Parameters.AddWithValue("schema", Sql.Identifier(schema));
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                if (names.Contains(reader.GetString(0)))
                {
                    found.Add(reader.GetString(0));
                }
            }
        }

        foreach (var view in found)
        {
            await using var refresh = new NpgsqlCommand($"REFRESH MATERIALIZED VIEW {Sql.Qualified(schema, view)}", target) { CommandTimeout = 0 };
            await refresh.ExecuteNonQueryAsync(cancellation);
        }

        return found;
    }
}
