using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// A PostgreSQL error as one line for the user: the server's message, with the table, constraint and column it names;
/// never its DETAIL (which can quote row values: personal data), nor Npgsql's note about including it.
/// </summary>
public static class CopyErrors
{
    /// <param name="loadSchema">The load schema's name, taken out of the message (the user knows the tables as public's).</param>
    public static string Describe(PostgresException error, string? loadSchema = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = Unqualify(error.MessageText, loadSchema);
        var parts = new List<string>();
        if (error.TableName is { Length: > 0 } table && !message.Contains($"\"{table}\"", StringComparison.Ordinal))
        {
            parts.Add($"table {table}");
        }

        if (error.ColumnName is { Length: > 0 } column && !message.Contains($"\"{column}\"", StringComparison.Ordinal))
        {
            parts.Add($"column {column}");
        }

        if (error.ConstraintName is { Length: > 0 } constraint && !message.Contains($"\"{constraint}\"", StringComparison.Ordinal))
        {
            parts.Add($"constraint {constraint}");
        }

        return parts.Count == 0 ? message : $"{message} ({string.Join(", ", parts)})";
    }

    /// <summary>Takes <c>load.</c> / <c>"load".</c> out of <paramref name="text"/>.</summary>
    public static string Unqualify(string text, string? loadSchema)
    {
        ArgumentNullException.ThrowIfNull(text);
        return loadSchema is null ? text
            : text.Replace($"\"{loadSchema}\".", "", StringComparison.Ordinal).Replace($"{loadSchema}.", "", StringComparison.Ordinal);
    }
}
