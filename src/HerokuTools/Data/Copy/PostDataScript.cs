using System.Text;

namespace HerokuTools.Data.Copy;

public enum PostDataKind
{
    Index,
    Constraint,
    ForeignKey,
    Other,
}

/// <summary>One entry of pg_dump's post-data section.</summary>
/// <param name="Table">The table it works on (null when not a table of <c>public</c>).</param>
/// <param name="References">For a foreign key: the table it references.</param>
/// <param name="Body">The entry as pg_dump wrote it (still naming <c>public</c>).</param>
public sealed record PostDataEntry(PostDataKind Kind, string? Table, string? References, string Body);

/// <summary>A parsed post-data section: its entries, and how to turn them into psql scripts or plain SQL that
/// names the load schema.</summary>
public sealed class PostDataScript(string head, string trailer, string load, ISet<string> extensionMembers, IReadOnlyList<PostDataEntry> entries)
{
    public IReadOnlyList<PostDataEntry> Entries => entries;

    /// <summary>For psql: the preamble, the entries and the trailer, relocated into the load schema.</summary>
    public string Script(string body) => SchemaScripts.Relocate(head + body, load, extensionMembers) + "\n" + trailer;

    /// <summary>For a plain SQL connection: as <see cref="Script"/> without psql's meta-commands.</summary>
    public string Statement(PostDataEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = SchemaScripts.Relocate(head + entry.Body, load, extensionMembers);
        var kept = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith('\\'))
            {
                kept.Append(line).Append('\n');
            }
        }

        return kept.ToString();
    }

    /// <summary>The given entries as stages of psql scripts: indexes and constraints balanced over the jobs by table
    /// size, then foreign keys likewise, then the rest in one script in the dump's order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Stages(IReadOnlyList<PostDataEntry> indexes, IReadOnlyList<PostDataEntry> foreignKeys,
        IReadOnlyList<PostDataEntry> rest, IReadOnlyDictionary<string, long> tableSizes, int jobs)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(foreignKeys);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(tableSizes);
        long Weight(PostDataEntry e) => e.Table is not null && tableSizes.TryGetValue(e.Table, out var size) ? size : 0;
        var stages = new List<IReadOnlyList<string>>();
        foreach (var group in new[] { indexes, foreignKeys })
        {
            if (group.Count > 0)
            {
                stages.Add(PostDataStages.Balance(group.Select(e => (e.Body, Weight(e))).ToList(), Math.Max(1, jobs)).Select(Script).ToList());
            }
        }

        if (rest.Count > 0)
        {
            stages.Add([Script(string.Concat(rest.Select(e => e.Body)))]);
        }

        return stages;
    }
}
