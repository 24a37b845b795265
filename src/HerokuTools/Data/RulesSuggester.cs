using System.Text;
using HerokuTools.Data.Schema;

namespace HerokuTools.Data;

/// <summary>
/// A starting <c>data:</c> section for a schema: columns whose names (or sampled contents) look personal get a
/// suggested rule, the rest <c>keep</c>; every line is marked for review. Framework bookkeeping tables (migrations,
/// content types, permissions) are kept whole, whatever their column names; session tables are skipped. Pure.
/// </summary>
public static class RulesSuggester
{
    /// <param name="looksLikeEmail">Columns (table.column) whose sampled values look like email addresses.</param>
    public static string Suggest(DatabaseSchema schema, ISet<string> looksLikeEmail, string keyEnv = "ANON_KEY")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(looksLikeEmail);
        var yaml = new StringBuilder();
        yaml.AppendLine("data:");
        yaml.AppendLine($"  key_env: {keyEnv}              # environment variable holding the HMAC key (a long random secret)");
        yaml.AppendLine("  unlisted_tables: refuse");
        yaml.AppendLine("  tables:");
        foreach (var table in schema.Tables)
        {
            if (BookkeepingTables.IsSessionTable(table.Name))
            {
                yaml.AppendLine($"    {table.Name}: skip   # session data: not copied (created empty)");
                continue;
            }

            var bookkeeping = BookkeepingTables.IsBookkeeping(table.Name);
            yaml.AppendLine($"    {table.Name}:{(bookkeeping ? "   # framework bookkeeping: not personal, must stay exact for the app to work" : "")}");
            yaml.AppendLine("      columns:");
            foreach (var column in table.Columns.Where(c => !c.Generated))
            {
                if (bookkeeping)
                {
                    yaml.AppendLine($"        {column.Name}: keep");
                    continue;
                }

                var rule = Suggest(column, looksLikeEmail.Contains($"{table.Name}.{column.Name}"));
                var mark = rule == "keep" ? "# REVIEW" : "# REVIEW: looks personal";
                yaml.AppendLine($"        {column.Name}: {rule}   {mark}");
            }
        }

        return yaml.ToString();
    }

    private static string Suggest(ColumnSchema column, bool emailContents)
    {
        var n = column.Name.ToLowerInvariant();
        bool Has(params string[] words) => words.Any(w => n.Contains(w, StringComparison.Ordinal));
        if (column.IsText)
        {
            if (Has("password", "passwd"))
            {
                return "{ value: \"!\" }";
            }

            if (Has("token", "secret", "api_key", "apikey"))
            {
                return "hash";
            }

            if (Has("email", "e_mail") || emailContents)
            {
                return "email";
            }

            if (Has("first_name", "firstname", "given_name", "forename"))
            {
                return "first_name";
            }

            if (Has("last_name", "lastname", "surname", "family_name"))
            {
                return "last_name";
            }

            if (Has("username", "user_name", "login"))
            {
                return "username";
            }

            if (n is "name" or "full_name" or "fullname" or "display_name" or "contact_name")
            {
                return "full_name";
            }

            if (Has("phone", "mobile", "tel", "fax"))
            {
                return "phone";
            }

            if (Has("postcode", "post_code", "zip", "postal"))
            {
                return "postcode";
            }

            if (Has("address", "street", "city"))
            {
                return "address";
            }

            if (Has("ip_addr", "ip") && n.EndsWith("ip", StringComparison.Ordinal) || Has("ip_address"))
            {
                return "ip";
            }

            if (Has("note", "bio", "comment", "message", "description"))
            {
                return "text";
            }
        }

        if (column.IsInet && Has("ip"))
        {
            return "ip";
        }

        if (column.IsDateTime && Has("birth", "dob"))
        {
            return "date";
        }

        return "keep";
    }
}
