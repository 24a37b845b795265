using System.Text;
using System.Text.RegularExpressions;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data.Copy;

/// <summary>
/// The psql scripts that apply pg_dump's pre-data and post-data sections to the load schema, each in one
/// transaction. pg_dump writes <c>public.x</c>; so for the length of the transaction the target's live
/// <c>public</c> is renamed aside and the load schema goes by <c>public</c> (invisible to other sessions until
/// commit, and the commit puts the names back). Extensions living in the live schema are moved along with the name
/// so types like <c>public.citext</c> resolve.
/// </summary>
public static partial class SchemaScripts
{
    /// <summary>Creates the load schema <paramref name="load"/> from the pre-data section.</summary>
    public static string PreData(string dump, string load, string aside, IEnumerable<(string Name, string Schema)> sourceExtensions)
    {
        var script = new StringBuilder();
        script.AppendLine("BEGIN;");
        script.AppendLine($"ALTER SCHEMA public RENAME TO {Sql.Identifier(aside)};");
        script.AppendLine("CREATE SCHEMA public;");
        MoveExtensionsIn(script, aside);
        foreach (var (name, schema) in sourceExtensions)
        {
            script.AppendLine($$"""
                DO $ht$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = {{Sql.Literal(name)}}) THEN
                    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = {{Sql.Literal(schema)}}) THEN
                      EXECUTE pg_catalog.format('CREATE EXTENSION %I WITH SCHEMA %I', {{Sql.Literal(name)}}, {{Sql.Literal(schema)}});
                    ELSE
                      EXECUTE pg_catalog.format('CREATE EXTENSION %I WITH SCHEMA public', {{Sql.Literal(name)}});
                    END IF;
                  END IF;
                END $ht$;
                """);
        }

        script.AppendLine(Clean(dump));
        MoveExtensionsBack(script, aside);
        script.AppendLine($"ALTER SCHEMA public RENAME TO {Sql.Identifier(load)};");
        script.AppendLine($"ALTER SCHEMA {Sql.Identifier(aside)} RENAME TO public;");
        script.AppendLine("COMMIT;");
        return script.ToString();
    }

    /// <summary>Adds indexes, constraints and triggers (the post-data section) to the load schema.</summary>
    public static string PostData(string dump, string load, string aside)
    {
        var script = new StringBuilder();
        script.AppendLine("BEGIN;");
        script.AppendLine($"ALTER SCHEMA public RENAME TO {Sql.Identifier(aside)};");
        script.AppendLine($"ALTER SCHEMA {Sql.Identifier(load)} RENAME TO public;");
        MoveExtensionsIn(script, aside);
        script.AppendLine(Clean(dump));
        MoveExtensionsBack(script, aside);
        script.AppendLine($"ALTER SCHEMA public RENAME TO {Sql.Identifier(load)};");
        script.AppendLine($"ALTER SCHEMA {Sql.Identifier(aside)} RENAME TO public;");
        script.AppendLine("COMMIT;");
        return script.ToString();
    }

    /// <summary>The swap, one transaction: live public out, load schema in, extensions moved over, old data dropped.</summary>
    public static string Swap(string load, string old) => $"""
        ALTER SCHEMA public RENAME TO {Sql.Identifier(old)};
        ALTER SCHEMA {Sql.Identifier(load)} RENAME TO public;
        DO $ht$ DECLARE e record; BEGIN
          FOR e IN SELECT x.extname FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
                   WHERE n.nspname = {Sql.Literal(old)} LOOP
            EXECUTE pg_catalog.format('ALTER EXTENSION %I SET SCHEMA public', e.extname);
          END LOOP;
        END $ht$;
        DROP SCHEMA {Sql.Identifier(old)} CASCADE;
        """;

    private static void MoveExtensionsIn(StringBuilder script, string aside) => script.AppendLine($"""
        CREATE TEMP TABLE heroku_tools_moved (extname name) ON COMMIT DROP;
        DO $ht$ DECLARE e record; BEGIN
          FOR e IN SELECT x.extname FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
                   WHERE n.nspname = {Sql.Literal(aside)} LOOP
            EXECUTE pg_catalog.format('ALTER EXTENSION %I SET SCHEMA public', e.extname);
            INSERT INTO pg_temp.heroku_tools_moved VALUES (e.extname);
          END LOOP;
        END $ht$;
        """);

    private static void MoveExtensionsBack(StringBuilder script, string aside) => script.AppendLine($"""
        DO $ht$ DECLARE e record; BEGIN
          FOR e IN SELECT extname FROM pg_temp.heroku_tools_moved LOOP
            EXECUTE pg_catalog.format('ALTER EXTENSION %I SET SCHEMA %I', e.extname, {Sql.Literal(aside)});
          END LOOP;
        END $ht$;
        """);

    /// <summary>pg_dump's section without what the wrapper does itself (creating public).</summary>
    private static string Clean(string dump) => CreatePublic().Replace(dump, "");

    [GeneratedRegex(@"^CREATE SCHEMA public;\s*$", RegexOptions.Multiline)]
    private static partial Regex CreatePublic();
}
