namespace HerokuTools.Data;

/// <summary>
/// Tables web frameworks keep for themselves, recognised by name: bookkeeping whose rows are not personal and must be
/// copied exactly (or the app re-runs migrations, loses content types or permissions), and session tables (personal).
/// </summary>
public static class BookkeepingTables
{
    private static readonly HashSet<string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        "schema_migrations", "ar_internal_metadata", "django_content_type", "auth_permission",
        "alembic_version", "flyway_schema_history", "__EFMigrationsHistory",
    };

    /// <summary>Migrations history (<c>django_migrations</c>, <c>*_migrations</c>, <c>schema_migrations</c>, ...), content types, permissions.</summary>
    public static bool IsBookkeeping(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Exact.Contains(table) || table.EndsWith("_migrations", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>django_session</c>, <c>sessions</c>, <c>user_sessions</c>...: session data, never copied.</summary>
    public static bool IsSessionTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.EndsWith("session", StringComparison.OrdinalIgnoreCase) || table.EndsWith("sessions", StringComparison.OrdinalIgnoreCase);
    }
}
