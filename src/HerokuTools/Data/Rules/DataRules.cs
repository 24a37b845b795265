namespace HerokuTools.Data.Rules;

/// <summary>
/// The <c>data:</c> section of heroku-tools.yml: how each table and column is copied down. Fail-closed: a column
/// without a rule is never copied (the copy is refused).
/// </summary>
/// <param name="KeyEnv">The environment variable holding the HMAC key fakes are derived with.</param>
/// <param name="SkipUnlistedTables">True for <c>unlisted_tables: skip</c> (else unlisted tables refuse the copy).</param>
/// <param name="DatabaseVar">The config var holding the database URL (default DATABASE_URL).</param>
/// <param name="Tables">The rules by table name (tables of the <c>public</c> schema).</param>
public sealed record DataRules(
    string KeyEnv,
    bool SkipUnlistedTables,
    string DatabaseVar,
    IReadOnlyDictionary<string, TableRule> Tables)
{
    public const string DefaultDatabaseVar = "DATABASE_URL";
}

/// <summary>How one table is copied: skipped (created empty), or its rows (optionally a subset) with a rule per column.</summary>
/// <param name="Line">Where the table's rule is in heroku-tools.yml (1-based), for messages.</param>
public sealed record TableRule(string Name, bool Skip, string? Where, IReadOnlyDictionary<string, ColumnRule> Columns, int Line);

public enum ColumnRuleKind
{
    /// <summary>Copied as is.</summary>
    Keep,

    /// <summary>Always NULL.</summary>
    Null,

    /// <summary>A constant (<see cref="ColumnRule.Text"/>), cast to the column's type in the source's SELECT.</summary>
    Value,

    /// <summary>An SQL expression (<see cref="ColumnRule.Text"/>) evaluated in the source's SELECT.</summary>
    Sql,

    /// <summary>A realistic fake of <see cref="ColumnRule.Fake"/>, derived from an HMAC of the original value.</summary>
    Fake,

    /// <summary>The hex HMAC-SHA256 of the original value.</summary>
    Hash,
}

/// <summary>What a fake looks like.</summary>
public enum FakeKind
{
    Email,
    FirstName,
    LastName,
    FullName,
    Username,
    Phone,
    Address,
    Postcode,
    Text,
    Ip,
    Date,
}

/// <param name="Line">Where the rule is in heroku-tools.yml (1-based).</param>
public sealed record ColumnRule(ColumnRuleKind Kind, string? Text = null, FakeKind? Fake = null, int Line = 0)
{
    /// <summary>True when the column's values are transformed in flight (the rows must be decoded).</summary>
    public bool IsMaskedInFlight => Kind is ColumnRuleKind.Fake or ColumnRuleKind.Hash;

    /// <summary>True for every rule but keep: the source value must not reach the target.</summary>
    public bool IsMasked => Kind is not ColumnRuleKind.Keep;

    /// <summary>The rule as written in heroku-tools.yml.</summary>
    public string Describe() => Kind switch
    {
        ColumnRuleKind.Keep => "keep",
        ColumnRuleKind.Null => "null",
        ColumnRuleKind.Hash => "hash",
        ColumnRuleKind.Fake => FakeKinds.Name(Fake!.Value),
        ColumnRuleKind.Value => $"value: {Text}",
        ColumnRuleKind.Sql => $"sql: {Text}",
        _ => Kind.ToString(),
    };
}

/// <summary>The names of the fake kinds as written in heroku-tools.yml.</summary>
public static class FakeKinds
{
    private static readonly Dictionary<string, FakeKind> ByName = new(StringComparer.Ordinal)
    {
        ["email"] = FakeKind.Email,
        ["first_name"] = FakeKind.FirstName,
        ["last_name"] = FakeKind.LastName,
        ["full_name"] = FakeKind.FullName,
        ["username"] = FakeKind.Username,
        ["phone"] = FakeKind.Phone,
        ["address"] = FakeKind.Address,
        ["postcode"] = FakeKind.Postcode,
        ["text"] = FakeKind.Text,
        ["ip"] = FakeKind.Ip,
        ["date"] = FakeKind.Date,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static FakeKind? Parse(string name) => ByName.TryGetValue(name, out var kind) ? kind : null;

    public static string Name(FakeKind kind) => ByName.First(p => p.Value == kind).Key;
}
