namespace HerokuTools.Data.Schema;

/// <summary>The tables (and sequences) of a database's <c>public</c> schema, as the rules are checked against.</summary>
public sealed record DatabaseSchema(IReadOnlyList<TableSchema> Tables, IReadOnlyList<string> Sequences)
{
    public TableSchema? Find(string table) => Tables.FirstOrDefault(t => t.Name == table);
}

/// <param name="SizeBytes">The table's size on disk (for ordering and the ETA).</param>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, long SizeBytes)
{
    /// <summary>The sequences the table owns (serial and identity columns).</summary>
    public IReadOnlyList<string> OwnedSequences { get; init; } = [];

    public ColumnSchema? Find(string column) => Columns.FirstOrDefault(c => c.Name == column);
}

/// <param name="Type">The SQL type as <c>format_type</c> writes it (e.g. <c>character varying(254)</c>).</param>
/// <param name="TypeName">The type's own name (e.g. <c>varchar</c>, <c>citext</c>, <c>_text</c> for arrays).</param>
/// <param name="Category">pg_type.typcategory: S string, D date/time, I network, ...</param>
/// <param name="Generated">A generated column: never copied (the target computes it).</param>
/// <param name="Unique">Part of a unique index or the primary key.</param>
public sealed record ColumnSchema(string Name, string Type, string TypeName, char Category, bool Generated, bool Unique)
{
    /// <summary>The column is NOT NULL: a <c>null</c> rule cannot work.</summary>
    public bool NotNull { get; init; }

    public bool IsText => Category == 'S';

    public bool IsDateTime => TypeName is "date" or "timestamp" or "timestamptz";

    public bool IsInet => TypeName is "inet" or "cidr";
}

/// <summary>A foreign key: <paramref name="Table"/> references <paramref name="References"/> (both in <c>public</c>).</summary>
public sealed record ForeignKey(string Name, string Table, string References);
