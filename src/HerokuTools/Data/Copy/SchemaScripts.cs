using System.Text;
using System.Text.RegularExpressions;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data.Copy;

/// <summary>
/// The SQL that builds the copy in a load schema and swaps it in. pg_dump's sections name everything
/// <c>public.x</c>; <see cref="Relocate"/> rewrites those to the load schema, except the objects of extensions
/// (such as <c>public.citext</c>), which stay where they are. The swap moves objects, not schemas, so extensions
/// installed in <c>public</c> are never touched.
/// </summary>
public static partial class SchemaScripts
{
    /// <summary>Creates the load schema and applies the (relocated) pre-data section, in one transaction.</summary>
    public static string PreData(string dump, string load, ISet<string> extensionMembers, IEnumerable<(string Name, string Schema)> sourceExtensions)
    {
        var script = new StringBuilder();
        script.AppendLine("BEGIN;");
        foreach (var (name, schema) in sourceExtensions)
        {
            script.AppendLine($$"""
                DO $ht$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = {{Sql.Literal(name)}}) THEN
                    EXECUTE pg_catalog.format('CREATE SCHEMA IF NOT EXISTS %I', {{Sql.Literal(schema)}});
                    EXECUTE pg_catalog.format('CREATE EXTENSION %I WITH SCHEMA %I', {{Sql.Literal(name)}}, {{Sql.Literal(schema)}});
                  END IF;
                END $ht$;
                """);
        }

        script.AppendLine($"CREATE SCHEMA {Sql.Identifier(load)};");
        script.AppendLine(Relocate(dump, load, extensionMembers));
        script.AppendLine("COMMIT;");
        return script.ToString();
    }

    /// <summary>Adds indexes, constraints and triggers (the relocated post-data section) to the load schema.</summary>
    public static string PostData(string dump, string load, ISet<string> extensionMembers) =>
        "BEGIN;\n" + Relocate(dump, load, extensionMembers) + "\nCOMMIT;\n";

    /// <summary>
    /// The swap, for one transaction: every object of <c>public</c> that no extension owns is dropped, every object
    /// of the load schema moved into <c>public</c>, and the load schema dropped (RESTRICT: anything left behind
    /// fails the swap, and the transaction leaves the target as it was).
    /// </summary>
    public static string Swap(string load) => $$"""
        DO $ht$ DECLARE r record; BEGIN
          FOR r IN SELECT c.oid::regclass::text AS name, c.relkind FROM pg_catalog.pg_class c
                   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE 'DROP ' || CASE WHEN r.relkind = 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END || ' IF EXISTS ' || r.name || ' CASCADE';
          END LOOP;
          FOR r IN SELECT c.oid::regclass::text AS name, c.relkind FROM pg_catalog.pg_class c
                   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm', 'S')
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE 'DROP ' || CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'SEQUENCE' END || ' IF EXISTS ' || r.name || ' CASCADE';
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure::text AS name, p.prokind FROM pg_catalog.pg_proc p
                   WHERE p.pronamespace = 'public'::regnamespace
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
            EXECUTE 'DROP ' || CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END || ' IF EXISTS ' || r.name || ' CASCADE';
          END LOOP;
          FOR r IN SELECT t.oid::regtype::text AS name FROM pg_catalog.pg_type t
                   WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r') AND t.typelem = 0
                     AND (t.typrelid = 0 OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') LOOP
            EXECUTE 'DROP TYPE IF EXISTS ' || r.name || ' CASCADE';
          END LOOP;

          FOR r IN SELECT t.oid::regtype::text AS name FROM pg_catalog.pg_type t
                   WHERE t.typnamespace = {{Sql.Literal(load)}}::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r') AND t.typelem = 0
                     AND (t.typrelid = 0 OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c') LOOP
            EXECUTE 'ALTER TYPE ' || r.name || ' SET SCHEMA public';
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure::text AS name, p.prokind FROM pg_catalog.pg_proc p
                   WHERE p.pronamespace = {{Sql.Literal(load)}}::regnamespace LOOP
            EXECUTE 'ALTER ' || CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END || ' ' || r.name || ' SET SCHEMA public';
          END LOOP;
          FOR r IN SELECT c.oid::regclass::text AS name, c.relkind FROM pg_catalog.pg_class c
                   WHERE c.relnamespace = {{Sql.Literal(load)}}::regnamespace AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
                     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
            EXECUTE 'ALTER ' || CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END
                    || ' ' || r.name || ' SET SCHEMA public';
          END LOOP;
        END $ht$;
        DROP SCHEMA {{Sql.Identifier(load)}} RESTRICT;
        """;

    /// <summary>Rewrites <c>public.name</c> to <c>load.name</c>, leaving the names of extension objects alone.</summary>
    public static string Relocate(string dump, string load, ISet<string> extensionMembers)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(extensionMembers);
        var cleaned = CreatePublic().Replace(dump, "");
        var target = Sql.Identifier(load) + ".";
        return PublicName().Replace(cleaned, m =>
        {
            var raw = m.Groups[1].Value;
            var name = raw.StartsWith('"') ? raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : raw;
            return extensionMembers.Contains(name) ? m.Value : target + raw;
        });
    }

    [GeneratedRegex(@"^CREATE SCHEMA public;\s*$", RegexOptions.Multiline)]
    private static partial Regex CreatePublic();

    [GeneratedRegex(@"(?<![\w""])public\.(""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex PublicName();
}
