using System.Text;
using System.Text.RegularExpressions;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Splits pg_dump's post-data section into stages of psql scripts that may run at the same time, as
/// <c>pg_restore -j</c> does: first the indexes and the primary key, unique and check constraints (spread over the
/// jobs, biggest tables first), then the foreign keys (which need those indexes), then everything else (triggers,
/// rules, index attachments, ...) in one script in the dump's order. Every script starts with the dump's preamble
/// (its SET lines) and a larger <c>maintenance_work_mem</c> for the index builds, and names the load schema.
/// </summary>
public static partial class PostDataStages
{
    /// <summary>Per index-building session; pg_restore users commonly raise it the same way.</summary>
    public const string MaintenanceWorkMem = "256MB";

    public static IReadOnlyList<IReadOnlyList<string>> Split(
        string dump, string load, ISet<string> extensionMembers, IReadOnlyDictionary<string, long> tableSizes, int jobs)
    {
        ArgumentNullException.ThrowIfNull(tableSizes);
        var parsed = Parse(dump, load, extensionMembers);
        var indexes = parsed.Entries.Where(e => e.Kind is PostDataKind.Index or PostDataKind.Constraint).ToList();
        var foreignKeys = parsed.Entries.Where(e => e.Kind == PostDataKind.ForeignKey).ToList();
        var rest = parsed.Entries.Where(e => e.Kind == PostDataKind.Other).ToList();
        return parsed.Stages(indexes, foreignKeys, rest, tableSizes, jobs);
    }

    /// <summary>The dump's entries one by one, each with the table it works on (and, for a foreign key, the table it
    /// references), so that each can run as soon as its tables are ready.</summary>
    public static PostDataScript Parse(string dump, string load, ISet<string> extensionMembers)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var headers = EntryHeader().Matches(dump);
        var preamble = headers.Count == 0 ? dump : dump[..headers[0].Index];
        var trailer = new StringBuilder();
        var entries = new List<PostDataEntry>();
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : dump.Length;
            var body = MoveRestrictLines(dump[start..end], trailer);
            var kind = headers[i].Groups["type"].Value switch
            {
                "INDEX" => PostDataKind.Index,
                "CONSTRAINT" => PostDataKind.Constraint,
                "FK CONSTRAINT" => PostDataKind.ForeignKey,
                _ => PostDataKind.Other,
            };
            var references = kind == PostDataKind.ForeignKey ? TableName(ReferencedTable().Match(body)) : null;
            entries.Add(new PostDataEntry(kind, TableName(TableOfEntry().Match(body)), references, body));
        }

        var head = MoveRestrictLines(preamble, null) + $"SET maintenance_work_mem = '{MaintenanceWorkMem}';\n";
        return new PostDataScript(head, trailer.ToString(), load, extensionMembers, entries);
    }

    /// <summary>Longest first onto the least loaded job; each job's entries keep the dump's relative order.</summary>
    internal static List<string> Balance(List<(string Sql, long Weight)> entries, int jobs)
    {
        var load = new long[Math.Min(jobs, entries.Count)];
        var assigned = new List<int>[load.Length];
        for (var j = 0; j < load.Length; j++)
        {
            assigned[j] = [];
        }

        foreach (var index in Enumerable.Range(0, entries.Count).OrderByDescending(i => entries[i].Weight))
        {
            var job = Array.IndexOf(load, load.Min());
            load[job] += Math.Max(1, entries[index].Weight);
            assigned[job].Add(index);
        }

        return assigned.Select(list => string.Concat(list.Order().Select(i => entries[i].Sql))).ToList();
    }

    private static string? TableName(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var raw = match.Groups[1].Value;
        return raw.StartsWith('"') ? raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : raw;
    }

    /// <summary>Recent pg_dump versions bracket the script with <c>\restrict KEY</c> ... <c>\unrestrict KEY</c>:
    /// the <c>\unrestrict</c> line goes to the end of every script (into <paramref name="trailer"/>).</summary>
    private static string MoveRestrictLines(string text, StringBuilder? trailer)
    {
        if (!text.Contains("\\unrestrict", StringComparison.Ordinal))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("\\unrestrict", StringComparison.Ordinal))
            {
                if (trailer is not null && trailer.Length == 0)
                {
                    trailer.Append(line).Append('\n');
                }
            }
            else
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString();
    }

    [GeneratedRegex(@"^--\r?\n-- Name: [^\n]*?; Type: (?<type>[^;\n]+); Schema: [^\n]*\r?\n--\r?\n", RegexOptions.Multiline)]
    private static partial Regex EntryHeader();

    [GeneratedRegex(@"(?:\bON|ALTER TABLE)(?: ONLY)? public\.(""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex TableOfEntry();

    [GeneratedRegex(@"REFERENCES public\.(""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex ReferencedTable();
}
