namespace HerokuTools.ConfigVars;

/// <summary>
/// What <c>config push</c> changes: keys to set (with their values) and keys to unset, all sent in one PATCH so
/// Heroku makes one release. <see cref="Kept"/> are keys only on the app that stay (no --prune).
/// Add-on-managed keys never appear in a plan.
/// </summary>
public sealed record ConfigPushPlan(
    string Environment,
    string App,
    IReadOnlyDictionary<string, string> Sets,
    IReadOnlyList<string> Unsets,
    IReadOnlyList<string> Kept,
    IReadOnlyList<string> ManagedInFiles)
{
    public bool IsEmpty => Sets.Count == 0 && Unsets.Count == 0;

    public int ChangeCount => Sets.Count + Unsets.Count;

    /// <summary>The PATCH body: each set with its value, each unset as null.</summary>
    public IReadOnlyDictionary<string, string?> Changes()
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in Sets)
        {
            changes[key] = value;
        }

        foreach (var key in Unsets)
        {
            changes[key] = null;
        }

        return changes;
    }

    /// <summary>The plan that brings the app to the files; with <paramref name="prune"/>, keys in no file are unset too.</summary>
    public static ConfigPushPlan From(ConfigDiff diff, bool prune)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var sets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unsets = new List<string>();
        var kept = new List<string>();
        foreach (var e in diff.Entries)
        {
            switch (e.Status)
            {
                case DiffStatus.Different or DiffStatus.OnlyInFiles:
                    sets[e.Key] = e.Desired!;
                    break;
                case DiffStatus.MustBeAbsent:
                    unsets.Add(e.Key);
                    break;
                case DiffStatus.OnlyOnApp when prune:
                    unsets.Add(e.Key);
                    break;
                case DiffStatus.OnlyOnApp:
                    kept.Add(e.Key);
                    break;
            }
        }

        var managedInFiles = diff.Entries.Where(e => e is { Status: DiffStatus.Managed, InFiles: true }).Select(e => e.Key).ToList();
        return new ConfigPushPlan(diff.Environment, diff.App, sets, unsets, kept, managedInFiles);
    }
}
