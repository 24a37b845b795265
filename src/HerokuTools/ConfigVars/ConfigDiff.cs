namespace HerokuTools.ConfigVars;

/// <summary>How one key of the files compares with the app.</summary>
public enum DiffStatus
{
    /// <summary><c>=</c> the same on both sides (or absent on both, as the files want).</summary>
    Same,

    /// <summary><c>!</c> set on both sides, to different values.</summary>
    Different,

    /// <summary><c>+</c> set by the files, not on the app.</summary>
    OnlyInFiles,

    /// <summary><c>?</c> on the app, in no file (push --prune unsets it).</summary>
    OnlyOnApp,

    /// <summary><c>-</c> the files say it must not be set, and it is.</summary>
    MustBeAbsent,

    /// <summary><c>@</c> managed by an add-on: never changed, never removed, not a difference.</summary>
    Managed,
}

/// <summary>One key of a <see cref="ConfigDiff"/>. <see cref="Desired"/> is null when the files do not set it.</summary>
public sealed record ConfigDiffEntry(string Key, DiffStatus Status, string? Desired, string? Actual, bool InFiles, string? ManagedBy = null)
{
    public char Marker => Status switch
    {
        DiffStatus.Same => '=',
        DiffStatus.Different => '!',
        DiffStatus.OnlyInFiles => '+',
        DiffStatus.OnlyOnApp => '?',
        DiffStatus.MustBeAbsent => '-',
        _ => '@',
    };

    public bool IsDifference => Status is not (DiffStatus.Same or DiffStatus.Managed);
}

/// <summary>The files (desired) against the app (actual), key by key, sorted; a value, printed by <see cref="ConfigRenderer"/>.</summary>
public sealed record ConfigDiff(string Environment, string App, IReadOnlyList<string> Files, IReadOnlyList<ConfigDiffEntry> Entries)
{
    public bool InSync => Entries.All(e => !e.IsDifference);

    public int Count(DiffStatus status) => Entries.Count(e => e.Status == status);

    /// <summary>Compares resolved file values (null: must not be set) with the app's config.</summary>
    public static ConfigDiff Compute(string environment, IReadOnlyList<string> files, IReadOnlyDictionary<string, string?> desired, AppConfig actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var keys = desired.Keys.Concat(actual.Values.Keys).Concat(actual.Managed.Keys.Where(actual.Values.ContainsKey))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var entries = new List<ConfigDiffEntry>();
        foreach (var key in keys)
        {
            var inFiles = desired.TryGetValue(key, out var want);
            var onApp = actual.Values.TryGetValue(key, out var have);
            if (actual.Managed.TryGetValue(key, out var addon))
            {
                entries.Add(new ConfigDiffEntry(key, DiffStatus.Managed, want, have, inFiles, addon));
                continue;
            }

            var status = (inFiles, want, onApp) switch
            {
                (false, _, _) => DiffStatus.OnlyOnApp,
                (true, null, true) => DiffStatus.MustBeAbsent,
                (true, null, false) => DiffStatus.Same,
                (true, _, false) => DiffStatus.OnlyInFiles,
                _ => string.Equals(want, have, StringComparison.Ordinal) ? DiffStatus.Same : DiffStatus.Different,
            };
            entries.Add(new ConfigDiffEntry(key, status, want, onApp ? have : null, inFiles));
        }

        return new ConfigDiff(environment, actual.App, files, entries);
    }
}
