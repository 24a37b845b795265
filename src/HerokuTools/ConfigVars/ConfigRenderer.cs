using System.Globalization;

namespace HerokuTools.ConfigVars;

/// <summary>The text of diffs, comparisons and push plans: one line per key, a marker first, values as <see cref="ValueDisplay"/> says.</summary>
public static class ConfigRenderer
{
    public static IEnumerable<string> Diff(ConfigDiff diff, ValueDisplay values)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(values);
        yield return Heading(diff);
        var width = KeyWidth(diff.Entries.Select(e => e.Key));
        foreach (var e in InOrder(diff))
        {
            var key = e.Key.PadRight(width);
            yield return e.Status switch
            {
                DiffStatus.Same when e.Desired is null => $"  = {key}  not set, as the files want",
                DiffStatus.Same => $"  = {key}  {values.Show(e.Desired!)}",
                DiffStatus.Different => $"  ! {key}  files {values.Show(e.Desired!)}  app {values.Show(e.Actual!)}",
                DiffStatus.OnlyInFiles => $"  + {key}  {values.Show(e.Desired!)}  not on the app",
                DiffStatus.OnlyOnApp => $"  ? {key}  {values.Show(e.Actual!)}  only on the app (probably Heroku-specific; push --prune unsets it)",
                DiffStatus.MustBeAbsent => $"  - {key}  {values.Show(e.Actual!)}  on the app; the files say it must not be set",
                _ => $"  @ {key}  managed by {e.ManagedBy}{(e.InFiles ? " (set in the files too; ignored)" : "")}",
            };
        }

        yield return Summary(diff);
    }

    /// <summary>The first line of a diff: which files against which app.</summary>
    public static string Heading(ConfigDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var files = diff.Files.Count == 0 ? "the files" : string.Join(" + ", diff.Files);
        return $"{diff.Environment}: {files} against app {diff.App}";
    }

    /// <summary>The columns of <see cref="DiffRows"/>.</summary>
    public static IReadOnlyList<string> DiffHeaders { get; } = ["", "Key", "Files", "App"];

    /// <summary>A diff as table rows (terminal): marker, key, what the files want, what the app has; same order as <see cref="Diff"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> DiffRows(ConfigDiff diff, ValueDisplay values)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(values);
        const string notSet = "not set";
        return InOrder(diff).Select(e =>
        {
            var wanted = e.Desired is null ? null : values.Show(e.Desired);
            var actual = e.Actual is null ? notSet : values.Show(e.Actual);
            IReadOnlyList<string> row = e.Status switch
            {
                DiffStatus.OnlyOnApp => [e.Marker.ToString(), e.Key, "in no file", actual],
                DiffStatus.MustBeAbsent => [e.Marker.ToString(), e.Key, "must not be set", actual],
                DiffStatus.Managed => [e.Marker.ToString(), e.Key, e.InFiles ? "add-on's (ignored)" : "add-on's", e.ManagedBy ?? ""],
                _ => [e.Marker.ToString(), e.Key, wanted ?? notSet, actual],
            };
            return row;
        }).ToList();
    }

    private static IEnumerable<ConfigDiffEntry> InOrder(ConfigDiff diff) =>
        diff.Entries.OrderBy(e => e.Status == DiffStatus.Managed).ThenBy(e => e.Key, StringComparer.Ordinal);

    public static string Summary(ConfigDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.InSync)
        {
            return $"in sync: {diff.App} matches the files";
        }

        var parts = new List<string>();
        Add(parts, diff.Count(DiffStatus.Different), "different");
        Add(parts, diff.Count(DiffStatus.OnlyInFiles), "only in the files");
        Add(parts, diff.Count(DiffStatus.MustBeAbsent), "to unset");
        Add(parts, diff.Count(DiffStatus.OnlyOnApp), "only on the app");
        var total = diff.Entries.Count(e => e.IsDifference);
        return Invariant($"{total} difference{(total == 1 ? "" : "s")}: {string.Join(", ", parts)}");
    }

    public static IEnumerable<string> Comparison(EnvironmentComparison comparison, ValueDisplay values)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(values);
        var (a, b) = (comparison.First, comparison.Second);
        yield return $"{a} (app {comparison.FirstApp}) against {b} (app {comparison.SecondApp})";
        var width = KeyWidth(comparison.Entries.Select(e => e.Key));
        var unexpected = comparison.Entries.Where(e => e.IsUnexpected).ToList();
        var expected = comparison.Entries.Where(e => e.Expected && e.Status != CompareStatus.Managed).ToList();
        var managed = comparison.Entries.Where(e => e.Status == CompareStatus.Managed).ToList();
        var same = comparison.Entries.Count(e => e is { Status: CompareStatus.Same, Expected: false });
        foreach (var e in unexpected)
        {
            yield return Line(e, width, a, b, values);
        }

        if (expected.Count > 0)
        {
            yield return "expected to differ (config.expected_differences):";
            foreach (var e in expected)
            {
                yield return Line(e, width, a, b, values);
            }
        }

        if (managed.Count > 0)
        {
            yield return "managed by add-ons:";
            foreach (var e in managed)
            {
                var where = e.First is not null && e.Second is not null ? "both" : e.First is not null ? $"only {a}" : $"only {b}";
                yield return $"  @ {e.Key.PadRight(width)}  {where}, {e.ManagedBy}";
            }
        }

        yield return unexpected.Count == 0
            ? Invariant($"no unexpected differences ({same} the same)")
            : Invariant($"{unexpected.Count} unexpected difference{(unexpected.Count == 1 ? "" : "s")} ({same} the same)");
    }

    private static string Line(ComparisonEntry e, int width, string a, string b, ValueDisplay values)
    {
        var key = e.Key.PadRight(width);
        return e.Status switch
        {
            CompareStatus.OnlyInFirst => $"  < {key}  only in {a}  {values.Show(e.First!)}",
            CompareStatus.OnlyInSecond => $"  > {key}  only in {b}  {values.Show(e.Second!)}",
            CompareStatus.Different => $"  ! {key}  {a} {values.Show(e.First!)}  {b} {values.Show(e.Second!)}",
            _ => $"  = {key}  {values.Show(e.First!)}",
        };
    }

    public static IEnumerable<string> Plan(ConfigPushPlan plan, ValueDisplay values)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(values);
        var width = KeyWidth(plan.Sets.Keys.Concat(plan.Unsets).Concat(plan.Kept));
        foreach (var (key, value) in plan.Sets)
        {
            yield return $"  set   {key.PadRight(width)}  {values.Show(value)}";
        }

        foreach (var key in plan.Unsets)
        {
            yield return $"  unset {key}";
        }

        if (plan.Kept.Count > 0)
        {
            yield return $"  kept on the app, in no file: {string.Join(", ", plan.Kept)} (--prune unsets them)";
        }

        foreach (var key in plan.ManagedInFiles)
        {
            yield return $"  skipped {key}: managed by an add-on, never pushed";
        }
    }

    private static int KeyWidth(IEnumerable<string> keys) => Math.Min(40, keys.Select(k => k.Length).DefaultIfEmpty(0).Max());

    private static void Add(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add(Invariant($"{count} {what}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
