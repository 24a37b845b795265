using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Data;

/// <summary><c>heroku-tools data copy FROM TO</c>: replaces TO's database with an anonymised copy of FROM's, atomically.</summary>
internal static class DataCopyCommand
{
    public static Command Create(CommandContext context)
    {
        var from = new Argument<string>("FROM") { Description = "The environment to copy from (e.g. live)" };
        var to = new Argument<string>("TO") { Description = "The environment whose database is replaced (e.g. uat)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the rules against FROM's schema and show the plan; write nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Parallel table streams (default: from the core count)" };
        var backup = new Option<string?>("--backup") { Description = "First save TO's database to FILE with pg_dump -Fc" };
        var tables = new Option<string?>("--tables") { Description = "Refresh only these tables (a,b) in one transaction; every other table stays as it is" };
        var allowUpward = new Option<bool>("--allow-upward") { Description = "Allow copying up the environment list (you must type the target app's name)" };
        var command = new Command("copy", "Replace TO's database with an anonymised copy of FROM's (down the list only; atomic; verified)")
        {
            from, to, dryRun, yes, jobs, backup, tables, allowUpward,
        };
        context.SetAction(command, inv => RunAsync(inv, new Request(inv.Get(from)!, inv.Get(to)!, inv.Get(dryRun), inv.Get(yes), inv.Get(jobs), inv.Get(backup), inv.Get(tables), inv.Get(allowUpward))));
        return command;
    }

    private sealed record Request(string From, string To, bool DryRun, bool Yes, int? Jobs, string? Backup, string? Tables, bool AllowUpward);

    private static async Task<int> RunAsync(Invocation inv, Request request)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var rules = DataEnvironment.Rules(workflow);
        var from = workflow.Environment(request.From);
        var to = workflow.Environment(request.To);
        CheckDirection(inv, workflow, from, to, request);

        var key = inv.Host.GetEnv(rules.KeyEnv) ?? throw new ToolException(
            $"the anonymisation key is missing: set the environment variable {rules.KeyEnv} (data.key_env) to a long random secret", ExitCodes.Usage);
        if (request.Jobs is < 1)
        {
            throw new ToolException("--jobs must be at least 1", ExitCodes.Usage);
        }

        var source = await DataEnvironment.DatabaseAsync(inv, from, rules.DatabaseVar);
        var target = await DataEnvironment.DatabaseAsync(inv, to, rules.DatabaseVar);
        if (source.Url.Host == target.Url.Host && source.Url.Port == target.Url.Port && source.Url.Database == target.Url.Database)
        {
            throw new ToolException($"{from.Label} and {to.Label} share one database; nothing to copy", ExitCodes.Usage);
        }

        var only = request.Tables?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (only is { Length: 0 })
        {
            throw new ToolException("--tables needs at least one table name (a,b)", ExitCodes.Usage);
        }

        var question = only is null
            ? $"Replace the database of {to.AppName} ({to.Label}) with an anonymised copy of {from.AppName} ({from.Label})?"
            : $"Replace the rows of {string.Join(", ", only)} in {to.AppName} ({to.Label}) with an anonymised copy of {from.AppName} ({from.Label})'s?";
        if (!request.DryRun && !Confirmation.Ask(inv.Reporter, question, request.Yes))
        {
            throw new ToolException("cancelled; nothing was copied", ExitCodes.Failure);
        }

        using var progress = new CopyProgress(inv.Reporter);
        var options = new DataCopyOptions(rules, Encoding.UTF8.GetBytes(key), source, target)
        {
            DryRun = request.DryRun,
            BackupFile = request.Backup is null ? null : Path.GetFullPath(request.Backup, inv.Host.WorkingDirectory),
            Progress = progress,
            Tools = PgTools.Locate(inv.Host.GetEnv("PATH")),
            OnlyTables = only,
        };
        if (request.Jobs is { } n)
        {
            options = options with { Jobs = n };
        }

        DataCopyResult result;
        try
        {
            inv.Reporter.Note(request.DryRun
                ? $"dry run: checking {from.Label} against the data rules"
                : $"copying {from.Label} ({from.AppName}) -> {to.Label} ({to.AppName}), anonymised, on {options.Jobs} streams");
            result = await new DataCopier(options).RunAsync(inv.Cancellation);
        }
        catch (DataRulesException e)
        {
            foreach (var line in DataEnvironment.Describe(e.Problems, inv, workflow))
            {
                inv.Reporter.Error(line);
            }

            throw;
        }

        progress.Stop();
        CopySummary.Write(inv, result, from, to);
        return ExitCodes.Success;
    }

    private static void CheckDirection(Invocation inv, WorkflowConfig workflow, WorkflowEnvironment from, WorkflowEnvironment to, Request request)
    {
        if (from.Label == to.Label)
        {
            throw new ToolException($"FROM and TO are both {from.Label}", ExitCodes.Usage);
        }

        if (to.Protected)
        {
            throw new ToolException($"{to.Label} ({to.AppName}) is protected; data is never copied into it", ExitCodes.Usage);
        }

        if (workflow.IsAbove(to, from))
        {
            var order = string.Join(" -> ", workflow.Environments.Select(e => e.Label));
            if (!request.AllowUpward)
            {
                throw new ToolException($"data moves down ({order}); copying up from {from.Label} to {to.Label} is refused (--allow-upward overrides)", ExitCodes.Usage);
            }

            if (!Confirmation.AskToType(inv.Reporter, $"Copy data UP from {from.Label} into {to.Label} ({to.AppName})?", to.AppName, yes: false))
            {
                throw new ToolException("the app name did not match; nothing was copied", ExitCodes.Failure);
            }
        }
    }
}

/// <summary>The summary at the end: a table per copied table, the verification, the totals (or the JSON document).</summary>
internal static class CopySummary
{
    public static void Write(Invocation inv, DataCopyResult result, WorkflowEnvironment from, WorkflowEnvironment to)
    {
        if (inv.Settings.Json)
        {
            var tables = result.Plan.Tables.Select(t => result.Tables.FirstOrDefault(r => r.Name == t.Name) is { } r
                ? new DataCopyTable(t.Name, t.Skip, t.Columns.Count(c => c.Rule.IsMasked), r.Rows, r.TargetRows, r.Bytes, r.Elapsed.TotalSeconds)
                : new DataCopyTable(t.Name, t.Skip, t.Columns.Count(c => c.Rule.IsMasked), null, null, null, null)).ToList();
            var summary = new DataCopySummary(from.Label, to.Label, result.DryRun, tables, result.Tables.All(t => t.CountsMatch),
                result.Canary?.Passed, result.Canary?.ValuesChecked, result.Canary?.Unchecked, result.Elapsed.TotalSeconds, result.Plan.Untouched);
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
                var what = table.Skip ? "skip (created empty)"
                    : string.Join(", ", table.Columns.Where(c => c.Rule.IsMasked).Select(c => $"{c.Column.Name}: {c.Rule.Describe()}")) is { Length: > 0 } masked
                        ? $"masked {masked}" : "all columns kept";
                var where = table.Where is null ? "" : $" where {table.Where}";
                inv.Reporter.Line($"  {table.Name}{where}: {what}");
            }

            if (result.Plan.Untouched is { } untouched)
            {
                inv.Reporter.Line($"the other {untouched.Count} tables of {to.Label} would stay as they are");
            }

            inv.Reporter.Line("nothing was written");
            return;
        }

        var width = Math.Max(5, result.Tables.Max(t => t.Name.Length));
        inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture, $"{"table".PadRight(width)}  {"rows",12}  {"MB",9}  {"masked",6}  {"seconds",7}  counts"));
        foreach (var t in result.Tables)
        {
            var counts = t.Skipped ? "skipped" : t.CountsMatch ? "equal" : "DIFFER";
            inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture,
                $"{t.Name.PadRight(width)}  {t.Rows,12:N0}  {t.Bytes / 1048576.0,9:F1}  {t.MaskedColumns,6}  {t.Elapsed.TotalSeconds,7:F1}  {counts}"));
        }

        var canary = result.Canary!;
        inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture,
            $"verified: row counts equal in {result.Tables.Count(t => !t.Skipped)} tables; canary: none of {canary.ValuesChecked} sampled source values of {canary.ColumnsChecked} masked columns appear in the copy"));
        if (canary.Unchecked.Count > 0)
        {
            inv.Reporter.Line($"not checked by the canary (shifted dates can equal other rows' originals): {string.Join(", ", canary.Unchecked)}");
        }

        inv.Reporter.Line(result.Plan.Untouched is { } others
            ? string.Create(CultureInfo.InvariantCulture,
                $"{to.Label} ({to.AppName}): {string.Join(", ", result.Tables.Select(t => t.Name))} refreshed from {from.Label}, anonymised ({result.Tables.Sum(t => t.Rows):N0} rows, {result.Elapsed.TotalSeconds:F1} s); the other {others.Count} tables are as they were")
            : string.Create(CultureInfo.InvariantCulture,
                $"{to.Label} ({to.AppName}) now holds an anonymised copy of {from.Label} ({result.Tables.Sum(t => t.Rows):N0} rows, {result.Elapsed.TotalSeconds:F1} s)"));
    }
}

internal sealed record DataCopySummary(string From, string To, bool DryRun, IReadOnlyList<DataCopyTable> Tables, bool CountsEqual, bool? CanaryPassed, int? CanaryValues, IReadOnlyList<string>? CanaryUnchecked, double Seconds,
    IReadOnlyList<string>? Untouched);

internal sealed record DataCopyTable(string Name, bool Skipped, int MaskedColumns, long? Rows, long? TargetRows, long? Bytes, double? Seconds);
