using System.Globalization;
using System.Text.Json;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Data;

/// <summary>
/// The summary at the end: per table rows, MB, time, counts and masked columns (a Spectre table on a terminal, aligned
/// plain lines when piped), then the verification and the totals; or the JSON document.
/// </summary>
internal static class CopySummary
{
    private static readonly string[] Headers = ["table", "rows", "MB", "seconds", "counts", "masked columns"];

    public static void Write(Invocation inv, DataCopyResult result, WorkflowEnvironment from, WorkflowEnvironment to)
    {
        if (inv.Settings.Json)
        {
            var tables = result.Plan.Tables.Select(t => result.Tables.FirstOrDefault(r => r.Name == t.Name) is { } r
                ? new DataCopyTable(t.Name, t.Skip, t.Columns.Count(c => c.Rule.IsMasked), r.Rows, r.TargetRows, r.Bytes, r.Elapsed.TotalSeconds)
                : new DataCopyTable(t.Name, t.Skip, t.Columns.Count(c => c.Rule.IsMasked), null, null, null, null)).ToList();
            var summary = new DataCopySummary(from.Label, to.Label, result.DryRun, tables, result.Tables.All(t => t.CountsMatch),
                result.Canary?.Passed, result.Canary?.ValuesChecked, result.Canary?.Unchecked, result.Elapsed.TotalSeconds, result.Plan.Untouched, result.DroppedDependents);
            inv.Reporter.Json(JsonSerializer.Serialize(summary, DataJson.Default.DataCopySummary));
            return;
        }

        if (result.DryRun)
        {
            inv.Reporter.Line(result.Plan.IsPartial
                ? $"dry run: the rules cover these tables of {from.Label}; a refresh would replace their rows in {to.Label}, in one transaction:"
                : $"dry run: the rules cover {from.Label}; a copy would do:");
            foreach (var table in result.Plan.Tables)
            {
                var what = table.Skip ? (result.Plan.IsPartial ? "skip (emptied)" : "skip (created empty)")
                    : string.Join(", ", table.Columns.Where(c => c.Rule.IsMasked).Select(c => $"{c.Column.Name}: {c.Rule.Describe()}")) is { Length: > 0 } masked
                        ? $"masked {masked}" : "all columns kept";
                var where = table.Where is null ? "" : $" where {table.Where}";
                inv.Reporter.Line($"  {table.Name}{where}: {what}");
            }

            if (result.Plan.Untouched is { } untouched)
            {
                inv.Reporter.Line($"the other {untouched.Count} tables of {to.Label} would stay as they are");
            }

            if (result.DroppedDependents.Count > 0)
            {
                inv.Reporter.Line($"--drop-dependents: the copy would also drop, outside public: {string.Join(", ", result.DroppedDependents)}");
            }

            inv.Reporter.Line("nothing was written");
            return;
        }

        var maskedColumns = result.Plan.Tables.ToDictionary(t => t.Name, t => string.Join(", ", t.Columns.Where(c => c.Rule.IsMasked).Select(c => c.Column.Name)), StringComparer.Ordinal);
        var rows = result.Tables.Select(t => (IReadOnlyList<string>)
        [
            t.Name,
            t.Skipped ? "skipped" : t.Rows.ToString("N0", CultureInfo.InvariantCulture),
            (t.Bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture),
            t.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            t.Skipped ? "" : t.CountsMatch ? "equal" : "DIFFER",
            maskedColumns.GetValueOrDefault(t.Name) is { Length: > 0 } names ? names : "-",
        ]).ToList();
        TableWriter.Write(inv.Reporter, Headers, rows);

        var canary = result.Canary!;
        inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture,
            $"verified: row counts equal in {result.Tables.Count(t => !t.Skipped)} tables; canary: none of {canary.ValuesChecked} sampled source values of {canary.ColumnsChecked} masked columns appear in the copy"));
        if (canary.Unchecked.Count > 0)
        {
            inv.Reporter.Line($"not checked by the canary (shifted dates can equal other rows' originals): {string.Join(", ", canary.Unchecked)}");
        }

        if (result.RefreshedViews.Count > 0)
        {
            inv.Reporter.Line($"materialized views refreshed over the anonymised rows: {string.Join(", ", result.RefreshedViews)}");
        }

        if (result.DroppedDependents.Count > 0)
        {
            inv.Reporter.Line($"dropped with the old tables (--drop-dependents), outside public: {string.Join(", ", result.DroppedDependents)}");
        }

        inv.Reporter.Line(result.Plan.Untouched is { } others
            ? string.Create(CultureInfo.InvariantCulture,
                $"{to.Label} ({to.AppName}): {string.Join(", ", result.Tables.Select(t => t.Name))} refreshed from {from.Label}, anonymised ({result.Tables.Sum(t => t.Rows):N0} rows, {result.Elapsed.TotalSeconds:F1} s); the other {others.Count} tables are as they were")
            : string.Create(CultureInfo.InvariantCulture,
                $"{to.Label} ({to.AppName}) now holds an anonymised copy of {from.Label} ({result.Tables.Sum(t => t.Rows):N0} rows, {result.Elapsed.TotalSeconds:F1} s)"));
    }
}

internal sealed record DataCopySummary(string From, string To, bool DryRun, IReadOnlyList<DataCopyTable> Tables, bool CountsEqual, bool? CanaryPassed, int? CanaryValues, IReadOnlyList<string>? CanaryUnchecked, double Seconds,
    IReadOnlyList<string>? Untouched, IReadOnlyList<string> DroppedDependents);

internal sealed record DataCopyTable(string Name, bool Skipped, int MaskedColumns, long? Rows, long? TargetRows, long? Bytes, double? Seconds);
