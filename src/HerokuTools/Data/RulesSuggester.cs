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
    /// <summary>The line under <c>data:</c> that says what the canary does not look at.</summary>
    public const string KeepWarning = "  # 'keep' copies a column as it is and the canary check does not look at it: make sure no kept column holds personal data";

    /// <param name="contents">What sampled values of columns (table.column) look like (<see cref="ColumnContentSampler.SampleAsync"/>).</param>
    public static string Suggest(DatabaseSchema schema, IReadOnlyDictionary<string, PersonalContent> contents, string keyEnv = "ANON_KEY")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(contents);
        var yaml = new StringBuilder();
        yaml.AppendLine("data:");
        yaml.AppendLine(KeepWarning);
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

                var content = contents.TryGetValue($"{table.Name}.{column.Name}", out var found) ? found : PersonalContent.None;
                var (rule, why) = Suggest(column, content);
                var mark = rule == "keep" ? "# REVIEW" : $"# REVIEW: {why ?? "looks personal"}";
                yaml.AppendLine($"        {column.Name}: {rule}   {mark}");
            }
        }

        return yaml.ToString();
    }

    private static (string Rule, string? Why) Suggest(ColumnSchema column, PersonalContent content)
    {
        if (ColumnContentSampler.IsJson(column) || ColumnContentSampler.IsArray(column))
        {
            var what = Describe(content) ?? (NameKind(column.Name) is { } kind ? $"its name suggests {kind} data" : null);
            if (what is null)
            {
                return ("keep", null);
            }

            var shape = ColumnContentSampler.IsJson(column) ? "JSON documents" : "arrays";
            return ($"{{ sql: \"'{{}}'::{column.Type}\" }}",
                $"looks personal ({what}); there is no fake for {shape}, so this empties it: write an SQL expression that keeps what is not personal, or use null");
        }

        if (column.IsText && NameKind(column.Name) is null)
        {
            if (content.HasFlag(PersonalContent.Email))
            {
                return ("email", "looks personal (the values are email addresses)");
            }

            if (content.HasFlag(PersonalContent.Phone))
            {
                return ("phone", "looks personal (the values are phone numbers)");
            }

            if (content.HasFlag(PersonalContent.FirstName))
            {
                return ("first_name", "looks personal (the values are first names)");
            }
        }

        return (Suggest(column, content.HasFlag(PersonalContent.Email)), null);
    }

    private static string? Describe(PersonalContent content)
    {
        var parts = new List<string>();
        if (content.HasFlag(PersonalContent.Email))
        {
            parts.Add("email addresses");
        }

        if (content.HasFlag(PersonalContent.Phone))
        {
            parts.Add("phone numbers");
        }

        if (content.HasFlag(PersonalContent.FirstName))
        {
            parts.Add("first names");
        }

        return parts.Count == 0 ? null : "the values hold " + string.Join(" and ", parts);
    }

    /// <summary>The fake (or rule) a text column's name asks for, or null when the name says nothing.</summary>
    private static string? NameRule(string columnName)
    {
        var n = columnName.ToLowerInvariant();
        var words = Words(columnName);
        bool Has(params string[] parts) => parts.Any(w => n.Contains(w, StringComparison.Ordinal));
        bool Word(params string[] candidates) => candidates.Any(words.Contains);
        if (Has("password", "passwd"))
        {
            return "{ value: \"!\" }";
        }

        if (Has("token", "secret", "api_key", "apikey", "ssn", "iban", "passport", "national_id", "tax_id", "sort_code",
                "account_number", "card_number", "social_security") || Word("nin", "vat"))
        {
            return "hash";
        }

        if (Has("email", "e_mail"))
        {
            return "email";
        }

        if (Has("first_name", "firstname", "given_name", "forename"))
        {
            return "first_name";
        }

        if (Has("last_name", "lastname", "surname", "family_name", "maiden_name"))
        {
            return "last_name";
        }

        if (Has("username", "user_name", "login"))
        {
            return "username";
        }

        if (n is "name" or "full_name" or "fullname" or "display_name" or "contact_name" or "recipient" or "recipient_name"
            || Has("customer_name", "contact_name", "person_name", "guest_name", "holder_name"))
        {
            return "full_name";
        }

        if (Has("phone", "mobile", "fax", "whatsapp") || Word("tel", "cell", "msisdn"))
        {
            return "phone";
        }

        if (Has("postcode", "post_code", "zipcode", "zip_code", "postal") || Word("zip"))
        {
            return "postcode";
        }

        if (Has("address", "street", "ship_to", "bill_to", "shipto", "billto", "deliver_to") || Word("city", "town", "addr", "line1", "line2"))
        {
            return "address";
        }

        if (Has("ip_address", "ip_addr") || Word("ip"))
        {
            return "ip";
        }

        if (Has("birth") || Word("dob"))
        {
            return "date";
        }

        if (Has("note", "bio", "comment", "message", "description"))
        {
            return "text";
        }

        return null;
    }

    /// <summary>What a name hint is about, for a column where no fake fits (json, arrays).</summary>
    private static string? NameKind(string columnName) => NameRule(columnName) switch
    {
        null => null,
        "email" => "email",
        "first_name" or "last_name" or "full_name" or "username" => "name",
        "phone" => "phone",
        "postcode" or "address" => "address",
        "ip" => "IP address",
        "date" => "birth date",
        "text" => "free text",
        _ => "secret",
    };

    /// <summary>The lower-case words of a column name (<c>shipTo_line1</c>: ship, to, line1).</summary>
    private static HashSet<string> Words(string name)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1])))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static string Suggest(ColumnSchema column, bool emailContents)
    {
        var rule = NameRule(column.Name);
        if (column.IsText)
        {
            if (rule is "hash" || rule?.StartsWith('{') == true)
            {
                return rule;
            }

            if (emailContents)
            {
                return "email";
            }

            // A birth date kept as text: no date fake fits text, so hash it.
            return rule == "date" ? "hash" : rule ?? "keep";
        }

        if (column.IsInet && rule == "ip")
        {
            return "ip";
        }

        if (column.IsDateTime && rule == "date")
        {
            return "date";
        }

        return "keep";
    }
}
