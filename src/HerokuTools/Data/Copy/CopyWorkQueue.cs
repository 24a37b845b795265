namespace HerokuTools.Data.Copy;

/// <summary>One piece of work for a copy stream: a table (or one key range of it) to load, or a post-data entry to run.</summary>
internal abstract record CopyWork;

/// <param name="Range">A condition on the primary key (one of several ranges of a split table), or null for all rows.</param>
/// <param name="Label">The name shown in progress lines (the table's, with the range number for a split table).</param>
internal sealed record LoadWork(TablePlan Table, string? Range, string Label) : CopyWork;

internal sealed record PostDataWork(PostDataEntry Entry) : CopyWork;

/// <summary>
/// What the copy streams do next, as <c>pg_restore -j</c> schedules: loads in the plan's order; as soon as all of a
/// table's loads are done, its indexes and primary key/unique/check constraints (plain indexes first, so that they
/// can be built side by side); a foreign key once both its tables are indexed. Loads go first: a stream with no
/// table left builds what is ready while the others still load. Entries on tables the plan does not know, foreign
/// keys that never became ready, and everything else (triggers, rules, ...) are left for the end (<see cref="Leftovers"/>).
/// </summary>
internal sealed class CopyWorkQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<LoadWork> _loads;
    private readonly LinkedList<PostDataEntry> _ready = new();
    private readonly Dictionary<string, int> _loadsLeft = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PostDataEntry>> _indexesOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _indexesLeft = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indexed = new(StringComparer.Ordinal);
    private readonly List<PostDataEntry> _waitingForeignKeys = [];
    private readonly HashSet<string> _foreignKeyTables = new(StringComparer.Ordinal);
    private readonly List<PostDataEntry> _lateIndexes = [];
    private readonly List<PostDataEntry> _rest = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public CopyWorkQueue(IEnumerable<string> tables, IReadOnlyList<LoadWork> loads, IEnumerable<PostDataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(entries);
        _loads = new Queue<LoadWork>(loads);
        foreach (var table in tables)
        {
            _loadsLeft[table] = 0;
            _indexesOf[table] = [];
        }

        foreach (var load in loads)
        {
            _loadsLeft[load.Table.Name] = _loadsLeft.GetValueOrDefault(load.Table.Name) + 1;
            _indexesOf.TryAdd(load.Table.Name, []);
        }

        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case PostDataKind.Index or PostDataKind.Constraint when entry.Table is not null && _indexesOf.TryGetValue(entry.Table, out var list):
                    list.Add(entry);
                    break;
                case PostDataKind.Index or PostDataKind.Constraint:
                    _lateIndexes.Add(entry);
                    break;
                case PostDataKind.ForeignKey when entry.Table is not null && entry.References is not null
                                                 && _indexesOf.ContainsKey(entry.Table) && _indexesOf.ContainsKey(entry.References):
                    _waitingForeignKeys.Add(entry);
                    break;
                case PostDataKind.ForeignKey:
                    _lateIndexes.Add(entry);
                    break;
                default:
                    _rest.Add(entry);
                    break;
            }
        }

        foreach (var (table, list) in _indexesOf.ToList())
        {
            // CREATE INDEX runs beside another on the same table; ADD CONSTRAINT locks the table: indexes first.
            _indexesOf[table] = [.. list.OrderBy(e => e.Kind == PostDataKind.Index ? 0 : 1)];
            _indexesLeft[table] = list.Count;
        }

        lock (_lock)
        {
            foreach (var table in _loadsLeft.Where(t => t.Value == 0).Select(t => t.Key).ToList())
            {
                Loaded(table);
            }
        }
    }

    /// <summary>The next piece of work, waiting while others run that may make some ready; null when none is left.</summary>
    public async Task<CopyWork?> NextAsync(CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_loads.TryDequeue(out var load))
                {
                    _running++;
                    return load;
                }

                for (var node = _ready.First; node is not null; node = node.Next)
                {
                    if (node.Value.Kind == PostDataKind.ForeignKey)
                    {
                        // Two foreign keys between the same tables lock them in opposite orders: one at a time.
                        if (_foreignKeyTables.Contains(node.Value.Table!) || _foreignKeyTables.Contains(node.Value.References!))
                        {
                            continue;
                        }

                        _foreignKeyTables.Add(node.Value.Table!);
                        _foreignKeyTables.Add(node.Value.References!);
                    }

                    _ready.Remove(node);
                    _running++;
                    return new PostDataWork(node.Value);
                }

                if (_running == 0)
                {
                    return null;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellation);
        }
    }

    public void Done(CopyWork work)
    {
        lock (_lock)
        {
            _running--;
            switch (work)
            {
                case LoadWork load when --_loadsLeft[load.Table.Name] == 0:
                    Loaded(load.Table.Name);
                    break;
                case PostDataWork { Entry: { Kind: PostDataKind.ForeignKey } foreignKey }:
                    _foreignKeyTables.Remove(foreignKey.Table!);
                    _foreignKeyTables.Remove(foreignKey.References!);
                    break;
                case PostDataWork { Entry: { Kind: PostDataKind.Index or PostDataKind.Constraint, Table: { } table } } when --_indexesLeft[table] == 0:
                    Indexed(table);
                    break;
            }

            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    /// <summary>After the streams are done: indexes of unknown tables and foreign keys not run yet; then the rest.</summary>
    public (IReadOnlyList<PostDataEntry> Indexes, IReadOnlyList<PostDataEntry> ForeignKeys, IReadOnlyList<PostDataEntry> Others) Leftovers()
    {
        lock (_lock)
        {
            return (_lateIndexes.Where(e => e.Kind != PostDataKind.ForeignKey).ToList(),
                [.. _lateIndexes.Where(e => e.Kind == PostDataKind.ForeignKey), .. _waitingForeignKeys], _rest);
        }
    }

    private void Loaded(string table)
    {
        if (_indexesOf[table].Count == 0)
        {
            Indexed(table);
            return;
        }

        foreach (var entry in _indexesOf[table])
        {
            _ready.AddLast(entry);
        }
    }

    private void Indexed(string table)
    {
        _indexed.Add(table);
        foreach (var foreignKey in _waitingForeignKeys.Where(f => _indexed.Contains(f.Table!) && _indexed.Contains(f.References!)).ToList())
        {
            _waitingForeignKeys.Remove(foreignKey);
            _ready.AddLast(foreignKey);
        }
    }
}
