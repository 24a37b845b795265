namespace HerokuTools.ConfigVars;

/// <summary>How one key compares between two apps.</summary>
public enum CompareStatus
{
    Same,
    Different,
    OnlyInFirst,
    OnlyInSecond,

    /// <summary>Managed by an add-on on either app: listed apart, never a difference.</summary>
    Managed,
}

public sealed record ComparisonEntry(string Key, CompareStatus Status, string? First, string? Second, bool Expected, string? ManagedBy = null)
{
    /// <summary>A difference nobody declared in <c>config.expected_differences</c>.</summary>
    public bool IsUnexpected => !Expected && Status is CompareStatus.Different or CompareStatus.OnlyInFirst or CompareStatus.OnlyInSecond;
}

/// <summary>Two apps' actual configs side by side (<c>config diff A B</c>), sorted by key.</summary>
public sealed record EnvironmentComparison(string First, string FirstApp, string Second, string SecondApp, IReadOnlyList<ComparisonEntry> Entries)
{
    public bool HasUnexpectedDifferences => Entries.Any(e => e.IsUnexpected);

    public static EnvironmentComparison Compute(string first, AppConfig a, string second, AppConfig b, IReadOnlyList<string> expectedDifferences)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(expectedDifferences);
        var entries = new List<ComparisonEntry>();
        foreach (var key in a.Values.Keys.Concat(b.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var inA = a.Values.TryGetValue(key, out var va);
            var inB = b.Values.TryGetValue(key, out var vb);
            var expected = expectedDifferences.Contains(key, StringComparer.Ordinal);
            var managedBy = a.Managed.GetValueOrDefault(key) ?? b.Managed.GetValueOrDefault(key);
            var status = managedBy is not null ? CompareStatus.Managed
                : !inB ? CompareStatus.OnlyInFirst
                : !inA ? CompareStatus.OnlyInSecond
                : string.Equals(va, vb, StringComparison.Ordinal) ? CompareStatus.Same : CompareStatus.Different;
            entries.Add(new ComparisonEntry(key, status, va, vb, expected, managedBy));
        }

        return new EnvironmentComparison(first, a.App, second, b.App, entries);
    }
}
