using System.Diagnostics;
using System.Globalization;
using HerokuTools.Common;
using HerokuTools.Data.Masking;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// <c>--tables a,b</c>: replaces the rows of the listed tables only, in ONE transaction on the target (checks,
/// TRUNCATE, the copier's anonymised COPY streams from the source snapshot, owned sequences, row counts, canary,
/// foreign keys), then commits. Any failure rolls back: the target stays exactly as it was; other tables are never touched.
/// </summary>
internal sealed class PartialRefresh(DataCopier copier, DataCopyOptions options)
{
    public async Task<DataCopyResult> RunAsync(CopyPlan plan, NpgsqlConnection source, NpgsqlConnection target, Stopwatch clock, CancellationToken cancellation)
    {
        var label = options.Target.Label;
        try
        {
            await using var transaction = await target.BeginTransactionAsync(cancellation);
            var schema = await SchemaReader.ReadAsync(target, cancellation);
            var keys = await SchemaReader.ReadForeignKeysAsync(target, cancellation);
            if (PartialRefreshCheck.Refusal(plan, schema, keys, options.Source.Label, label) is { } refusal)
            {
                throw new ToolException(refusal + "; nothing was copied", ExitCodes.Failure);
            }

            var order = PartialRefreshCheck.ParentsFirst(plan.Tables, keys);
            options.Progress.Phase(string.Create(CultureInfo.InvariantCulture,
                $"refreshing {string.Join(", ", order.Select(t => t.Name))} in one transaction; the other {plan.Untouched!.Count} tables stay as they are"));
            await DataCopier.ExecuteAsync(target, "SET CONSTRAINTS ALL DEFERRED", cancellation);
            await DataCopier.ExecuteAsync(target, "TRUNCATE " + string.Join(", ", order.Select(t => Sql.Qualified(SchemaReader.SchemaName, t.Name))), cancellation);

            var anonymiser = new Anonymiser(options.Key);
            var results = new List<TableResult>();
            foreach (var table in order)
            {
                results.Add(table.Skip
                    ? new TableResult(table.Name, true, 0, 0, 0, 0, TimeSpan.Zero)
                    : await copier.CopyTableAsync(table, source, target, anonymiser, SchemaReader.SchemaName, null, cancellation));
            }

            await DataCopier.SetSequencesAsync(plan, source, target, SchemaReader.SchemaName, cancellation);

            options.Progress.Phase("verifying");
            var mismatched = results.Where(t => !t.CountsMatch).ToList();
            if (mismatched.Count > 0)
            {
                throw new ToolException("row counts differ: " + string.Join(", ", mismatched.Select(t =>
                    FormattableString.Invariant($"{t.Name} {t.Rows} sent, {t.TargetRows} loaded"))) + $"; {label} was left as it was", ExitCodes.Failure);
            }

            var canary = await Canary.CheckAsync(plan.Copied, source, target, SchemaReader.SchemaName, cancellation);
            if (!canary.Passed)
            {
                throw new ToolException($"canary check failed: source values found in the copy ({string.Join("; ", canary.Leaks)}); {label} was left as it was", ExitCodes.Failure);
            }

            // Deferred foreign keys are checked here, before COMMIT, so a violation names itself and rolls back.
            await DataCopier.ExecuteAsync(target, "SET CONSTRAINTS ALL IMMEDIATE", cancellation);
            await transaction.CommitAsync(cancellation);
            return new DataCopyResult(plan, results.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(), canary, clock.Elapsed, false);
        }
        catch (PostgresException e)
        {
            // MessageText names the table and constraint; Detail (which may quote row values) is left out.
            throw new ToolException($"refreshing {string.Join(", ", plan.Tables.Select(t => t.Name))} failed: {CopyErrors.Describe(e)}; {label} was left as it was", ExitCodes.Failure);
        }
        catch (Exception e) when (e is NpgsqlException or IOException && !cancellation.IsCancellationRequested)
        {
            // A lost connection: the server rolls the open transaction back, so the target is as it was.
            throw new ToolException($"refreshing {string.Join(", ", plan.Tables.Select(t => t.Name))} failed: {e.Message.TrimEnd('.')}; {label} was left as it was", ExitCodes.Failure);
        }
    }
}
