using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Objects of the target outside <c>public</c> (views, foreign keys, columns, triggers, functions in other schemas)
/// that depend on objects of <c>public</c>: the swap drops <c>public</c>'s objects with CASCADE, so these would be
/// dropped with them. Found through pg_depend (a view through its pg_rewrite rule, a foreign key through its
/// pg_constraint row), described with pg_describe_object.
/// </summary>
public static class OutsideDependents
{
    private const string Query = """
        WITH replaced AS (
            SELECT 'pg_class'::regclass AS classid, c.oid AS objid FROM pg_catalog.pg_class c WHERE c.relnamespace = 'public'::regnamespace
            UNION ALL SELECT 'pg_proc'::regclass, p.oid FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL SELECT 'pg_type'::regclass, t.oid FROM pg_catalog.pg_type t WHERE t.typnamespace = 'public'::regnamespace),
        replaced_own AS (
            SELECT r.* FROM replaced r WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                WHERE e.classid = r.classid AND e.objid = r.objid AND e.deptype = 'e')),
        dependents AS (
            SELECT DISTINCT
                CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'::regclass ELSE d.classid END AS classid,
                CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_catalog.pg_rewrite WHERE oid = d.objid) ELSE d.objid END AS objid,
                CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 0 ELSE d.objsubid END AS objsubid
            FROM pg_catalog.pg_depend d JOIN replaced_own r ON r.classid = d.refclassid AND r.objid = d.refobjid
            WHERE d.deptype = 'n'),
        placed AS (
            SELECT x.*, CASE x.classid
                WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_catalog.pg_class WHERE oid = x.objid)
                WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_catalog.pg_proc WHERE oid = x.objid)
                WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_catalog.pg_type WHERE oid = x.objid)
                WHEN 'pg_constraint'::regclass THEN (SELECT coalesce(c.relnamespace, t.typnamespace) FROM pg_catalog.pg_constraint k
                    LEFT JOIN pg_catalog.pg_class c ON c.oid = k.conrelid LEFT JOIN pg_catalog.pg_type t ON t.oid = k.contypid WHERE k.oid = x.objid)
                WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid WHERE g.oid = x.objid)
                WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_catalog.pg_attrdef a JOIN pg_catalog.pg_class c ON c.oid = a.adrelid WHERE a.oid = x.objid)
                WHEN 'pg_policy'::regclass THEN (SELECT c.relnamespace FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid WHERE p.oid = x.objid)
                END AS namespace
            FROM dependents x)
        SELECT DISTINCT pg_catalog.pg_describe_object(p.classid, p.objid, p.objsubid) AS what
        FROM placed p JOIN pg_catalog.pg_namespace n ON n.oid = p.namespace
        WHERE n.nspname NOT IN ('public', 'pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'heroku\_tools\_load\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = p.classid AND e.objid = p.objid AND e.deptype = 'e')
        ORDER BY 1
        """;

    /// <summary>What the swap would drop outside <c>public</c> on <paramref name="target"/> (e.g. "view devtools.u",
    /// "constraint notes_user_id_fkey on table devtools.notes"); empty when nothing.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlConnection target, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = new List<string>();
        await using var command = new NpgsqlCommand(Query, target);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>The refusal: one line naming them and how to proceed.</summary>
    public static string Refusal(string targetLabel, IReadOnlyList<string> dependents)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        return $"{targetLabel} has objects outside public that depend on public and the copy would drop them: {string.Join(", ", dependents)}; "
            + "drop them or move what they need out of public first, or pass --drop-dependents to drop them with the old tables; nothing was copied";
    }
}
