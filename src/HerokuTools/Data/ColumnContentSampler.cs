using System.Text.RegularExpressions;
using HerokuTools.Data.Masking;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data;

/// <summary>What a column's sampled values look like, when they look personal.</summary>
[Flags]
public enum PersonalContent
{
    None = 0,
    Email = 1,
    Phone = 2,
    FirstName = 4,
}

/// <summary>
/// Looks at a few values of every text, json/jsonb and array column to find personal data that its name does not
/// reveal: email addresses (anywhere in a JSON document or an array), phone numbers (<c>+44 7700 900001</c>), first
/// names (elements of a text array). A kind counts when more than half of the sampled values show it.
/// </summary>
public static partial class ColumnContentSampler
{
    private const int SampleRows = 50;

    private static readonly HashSet<string> CommonFirstNames = new(
        FakeData.FirstNames.Concat([
            "Alice", "Bob", "Carol", "Dave", "David", "Eve", "Frank", "Heidi", "Ivan", "Judy", "Mallory", "Peggy",
            "Sarah", "John", "Michael", "Robert", "William", "Richard", "Joseph", "Mary", "Patricia", "Jennifer",
            "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Karen", "Nancy", "Lisa", "Margaret", "Anna",
            "Emma", "Sophie", "Lucy", "Jane", "Paul", "Mark", "Peter", "Andrew", "Chris", "Christopher", "Matthew",
            "Anthony", "Steven", "Kevin", "Brian", "Laura", "Rachel", "Kate", "Katie", "Tom", "Ben", "Sam", "Max",
            "Luke", "Ryan", "Jake", "Joe", "Emily", "Olivia", "Mohammed", "Ahmed", "Ali", "Fatima", "Maria", "Jose",
            "Juan", "Luis", "Carlos", "Ana", "Wei", "Li", "Yuki", "Hiroshi", "Raj", "Anil", "Sunita", "Ravi",
        ]),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Samples every column that can hide personal data; keys are <c>table.column</c>, only columns with findings.</summary>
    public static async Task<IReadOnlyDictionary<string, PersonalContent>> SampleAsync(
        NpgsqlConnection connection, DatabaseSchema schema, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);
        var found = new Dictionary<string, PersonalContent>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
        {
            foreach (var column in table.Columns.Where(c => !c.Generated && IsSampled(c)))
            {
                var values = new List<string>();
                await using (var command = new NpgsqlCommand(SampleSql(table.Name, column), connection))
                await using (var reader = await command.ExecuteReaderAsync(cancellation))
                {
                    while (await reader.ReadAsync(cancellation))
                    {
                        values.Add(reader.GetString(0));
                    }
                }

                if (Classify(column, values) is var content and not PersonalContent.None)
                {
                    found[$"{table.Name}.{column.Name}"] = content;
                }
            }
        }

        return found;
    }

    /// <summary>The kinds more than half of <paramref name="values"/> show (for a string array: its elements, one per value).</summary>
    public static PersonalContent Classify(ColumnSchema column, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return PersonalContent.None;
        }

        bool Most(Func<string, bool> test) => values.Count(test) * 2 > values.Count;
        var content = PersonalContent.None;
        if (column.IsText || IsStringArray(column))
        {
            // Whole values: a text column's value, or one element of a string array.
            content |= Most(v => WholeEmail().IsMatch(v)) ? PersonalContent.Email : 0;
            content |= Most(IsPhone) ? PersonalContent.Phone : 0;
            content |= Most(v => CommonFirstNames.Contains(v.Trim())) ? PersonalContent.FirstName : 0;
        }
        else
        {
            // A document (json, jsonb, a non-string array) as text: what it contains.
            content |= Most(v => EmailInside().IsMatch(v)) ? PersonalContent.Email : 0;
            content |= Most(v => PhoneInside().IsMatch(v)) ? PersonalContent.Phone : 0;
        }

        return content;
    }

    public static bool IsJson(ColumnSchema column) => column?.TypeName is "json" or "jsonb";

    public static bool IsArray(ColumnSchema column) => column?.Category == 'A';

    private static bool IsStringArray(ColumnSchema column) => column.TypeName is "_text" or "_varchar" or "_bpchar" or "_citext";

    private static bool IsSampled(ColumnSchema column) => column.IsText || IsJson(column) || IsArray(column);

    private static string SampleSql(string table, ColumnSchema column)
    {
        var name = Sql.Identifier(column.Name);
        var from = Sql.Qualified(SchemaReader.SchemaName, table);
        return IsStringArray(column)
            ? $"SELECT e::text FROM (SELECT {name} AS a FROM {from} WHERE {name} IS NOT NULL LIMIT {SampleRows}) s CROSS JOIN LATERAL unnest(s.a) e WHERE e IS NOT NULL LIMIT {SampleRows * 4}"
            : $"SELECT {name}::text FROM {from} WHERE {name} IS NOT NULL LIMIT {SampleRows}";
    }

    /// <summary>A phone number written as one: optional +, 7 to 15 digits, and a leading + or 0 or separators (so plain codes are not phones).</summary>
    private static bool IsPhone(string value)
    {
        var v = value.Trim();
        if (!PhoneShape().IsMatch(v))
        {
            return false;
        }

        var digits = v.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && (v[0] is '+' or '0' || v.Any(c => c is ' ' or '-' or '(' or '.'));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex WholeEmail();

    [GeneratedRegex(@"[^@\s""',{}\[\]]+@[^@\s""',{}\[\]]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailInside();

    [GeneratedRegex(@"^\+?[0-9(][0-9 ().-]{5,}[0-9]$")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"\+[0-9][0-9 ().-]{5,}[0-9]")]
    private static partial Regex PhoneInside();
}
