namespace HerokuTools.Sandbox.Postgres;

/// <summary>Quoting for the SQL statements that cannot take parameters (CREATE ROLE, CREATE DATABASE...).</summary>
internal static class SqlText
{
    public static string Identifier(string name)
    {
        RejectNul(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal; relies on standard_conforming_strings (on by default since PostgreSQL 9.1).</summary>
    public static string Literal(string value)
    {
        RejectNul(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static void RejectNul(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("SQL text cannot contain NUL characters.", nameof(text));
        }
    }
}
