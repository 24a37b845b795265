using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HerokuTools.Common;
using HerokuTools.Data.Masking;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Copies the source database into the target, anonymised, atomically: everything is built in a fresh load schema
/// from one consistent snapshot of the source (schema with pg_dump, rows with binary COPY on parallel streams),
/// verified (row counts, canary), and only then swapped in for <c>public</c> in one transaction. Any failure or
/// cancellation before the swap leaves the target's <c>public</c> exactly as it was.
/// </summary>
public sealed class DataCopier(DataCopyOptions options)
{
    private const string LoadPrefix = "heroku_tools_load_";

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private string LoadSchema => LoadPrefix + _id;

    public async Task<DataCopyResult> RunAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var progress = options.Progress;

        // One snapshot for everything read from the source: schema, rows, sequences, canary samples.
        await using var source = await options.Source.OpenAsync(cancellation);
        await ExecuteAsync(source, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", cancellation);
        var snapshot = (string)(await ScalarAsync(source, "SELECT pg_export_snapshot()", cancellation))!;
        var serverMajor = Convert.ToInt32(await ScalarAsync(source, "SELECT current_setting('server_version_num')::int / 10000", cancellation), CultureInfo.InvariantCulture);

        var schema = await SchemaReader.ReadAsync(source, cancellation);
        if (options.OnlyTables is { } only)
        {
            await OnlyTables.CheckAsync(only, schema, source, options.Source.Label, cancellation);
        }

        var (plan, problems) = CopyPlanner.Plan(options.Rules, schema, options.OnlyTables);
        if (plan is null)
        {
            throw new DataRulesException(problems);
        }

        if (await RuleProbe.CheckAsync(plan, source, cancellation) is { Count: > 0 } unworkable)
        {
            throw new DataRulesException(unworkable);
        }

        var dumpMajor = await options.Tools.PgDumpMajorVersionAsync(cancellation);
        if (dumpMajor < serverMajor)
        {
            throw new ToolException(
                $"the local pg_dump is version {dumpMajor} but the source server is {serverMajor}; install postgresql-client-{serverMajor} (pg_dump must not be older than the server)",
                ExitCodes.Usage);
        }

        await using var target = await options.Target.OpenAsync(cancellation);
        var dependents = plan.IsPartial ? [] : await CheckDependentsAsync(target, cancellation);
        if (options.DryRun)
        {
            return new DataCopyResult(plan, [], null, clock.Elapsed, true) { DroppedDependents = dependents };
        }

        var lockKey = await ScalarAsync(target, "SELECT pg_try_advisory_lock(hashtext('heroku-tools data copy'))", cancellation);
        if (lockKey is not true)
        {
            throw new ToolException($"another data copy into {options.Target.Label} is running; try again when it is done", ExitCodes.Failure);
        }

        await DropLeftoversAsync(target, cancellation);
        if (options.BackupFile is { } backup)
        {
            progress.Phase($"backing up {options.Target.Label} to {backup}");
            BackupFile.CreatePrivate(backup);
            await options.Tools.RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", backup],
                options.Target.LibpqEnvironment, null, cancellation);
        }

        if (plan.IsPartial)
        {
            return await new PartialRefresh(this, options).RunAsync(plan, source, target, clock, cancellation);
        }

        try
        {
            progress.Phase("creating the schema (pre-data)");
            var extensions = await ExtensionsAsync(source, cancellation);
            var preData = await DumpSectionAsync("pre-data", snapshot, cancellation);
            var postData = await DumpSectionAsync("post-data", snapshot, cancellation);
            var members = await ExtensionMembersAsync(source, cancellation);
            var populated = await MaterializedViews.PopulatedAsync(source, cancellation);
            await PsqlAsync(SchemaScripts.PreData(preData, LoadSchema, members, extensions), cancellation);

            var postDataScript = PostDataStages.Parse(postData, LoadSchema, members);
            var loads = await LoadWorkAsync(plan, source, cancellation);
            progress.Phase($"copying {plan.Copied.Count()} tables on {options.Jobs} streams (indexes and constraints as tables finish)");
            var queue = new CopyWorkQueue(plan.Tables.Select(t => t.Name), loads, postDataScript.Entries);
            var tables = await CopyTablesAsync(plan, snapshot, queue, postDataScript, target, cancellation);

            await SetSequencesAsync(plan, source, target, LoadSchema, cancellation);
            progress.Phase("adding the remaining constraints and triggers (post-data)");
            await PostDataLeftoversAsync(plan, queue, postDataScript, cancellation);
            if (populated.Count > 0)
            {
                progress.Phase("refreshing the materialized views (over the anonymised rows)");
            }

            var refreshed = await MaterializedViews.RefreshAsync(target, LoadSchema, populated, cancellation);

            progress.Phase("verifying");
            var mismatched = tables.Where(t => !t.CountsMatch).ToList();
            if (mismatched.Count > 0)
            {
                throw new ToolException("row counts differ: " + string.Join(", ", mismatched.Select(t =>
                    FormattableString.Invariant($"{t.Name} {t.Rows} sent, {t.TargetRows} loaded"))) + $"; {options.Target.Label} was left as it was", ExitCodes.Failure);
            }

            var canary = await Canary.CheckAsync(plan.Copied, source, target, LoadSchema, cancellation);
            if (!canary.Passed)
            {
                throw new ToolException($"canary check failed: source values found in the copy ({string.Join("; ", canary.Leaks)}); {options.Target.Label} was left as it was", ExitCodes.Failure);
            }

            progress.Phase("swapping the copy in");
            await using (var swap = await target.BeginTransactionAsync(cancellation))
            {
                // Again, in the swap's transaction: what was created since the start is refused (or dropped) too.
                dependents = await CheckDependentsAsync(target, cancellation);
                await ExecuteAsync(target, SchemaScripts.Swap(LoadSchema), cancellation);
                await swap.CommitAsync(cancellation);
            }

            return new DataCopyResult(plan, tables, canary, clock.Elapsed, false) { DroppedDependents = dependents, RefreshedViews = refreshed };
        }
        catch (PostgresException e) when (!cancellation.IsCancellationRequested)
        {
            // A server error: its message and the objects it names, never its DETAIL (row values).
            await DropLoadSchemaAsync();
            throw new ToolException($"the copy failed: {CopyErrors.Describe(e, LoadSchema)}; {options.Target.Label} was left as it was", ExitCodes.Failure);
        }
        catch (Exception e) when (e is NpgsqlException or IOException && !cancellation.IsCancellationRequested)
        {
            // A lost connection: one line, not a stack trace.
            await DropLoadSchemaAsync();
            var cause = e.InnerException as PostgresException is { } pg ? CopyErrors.Describe(pg, LoadSchema) : (e.InnerException ?? e).Message.TrimEnd('.');
            throw new ToolException($"the copy failed: {cause}; {options.Target.Label} was left as it was", ExitCodes.Failure);
        }
        catch (ToolException e) when (e.Message.Contains(LoadSchema, StringComparison.Ordinal))
        {
            // psql's errors name the load schema; the user knows these tables as public's.
            await DropLoadSchemaAsync();
            throw new ToolException(CopyErrors.Unqualify(e.Message, LoadSchema), e.ExitCode);
        }
        catch
        {
            await DropLoadSchemaAsync();
            throw;
        }
    }

    /// <summary>Objects outside public that the swap would drop with public's: refused unless <see cref="DataCopyOptions.DropDependents"/>.</summary>
    private async Task<IReadOnlyList<string>> CheckDependentsAsync(NpgsqlConnection target, CancellationToken cancellation)
    {
        var dependents = await OutsideDependents.FindAsync(target, cancellation);
        if (dependents.Count > 0 && !options.DropDependents)
        {
            throw new ToolException(OutsideDependents.Refusal(options.Target.Label, dependents), ExitCodes.Usage);
        }

        return dependents;
    }

    /// <summary>The pass-through tables first (biggest first), then the others in the plan's order: the pass-through
    /// ones load at the server's speed, so their indexes build while the anonymised tables still stream and the copy
    /// does not end on a big table's index builds. The biggest pass-through table is split into key ranges, one per
    /// stream (its rows pass through, so the ranges cost alike).</summary>
    private async Task<List<LoadWork>> LoadWorkAsync(CopyPlan plan, NpgsqlConnection source, CancellationToken cancellation)
    {
        var split = options.Jobs < 2 ? null : plan.Copied.Where(t => t.PassThrough && t.SizeBytes >= options.SplitTableMinBytes)
            .OrderByDescending(t => t.SizeBytes).FirstOrDefault();
        var ranges = split is null ? [] : await KeyRanges.ForAsync(split.Name, options.Jobs, source, cancellation);
        var loads = new List<LoadWork>();
        foreach (var table in plan.Copied.Where(t => t.PassThrough).OrderByDescending(t => t.SizeBytes).Concat(plan.Copied.Where(t => !t.PassThrough)))
        {
            if (table == split && ranges.Count > 1)
            {
                loads.AddRange(ranges.Select((range, i) => new LoadWork(table, range, $"{table.Name} ({i + 1}/{ranges.Count})")));
            }
            else
            {
                loads.Add(new LoadWork(table, null, table.Name));
            }
        }

        return loads;
    }

    private async Task<List<TableResult>> CopyTablesAsync(CopyPlan plan, string snapshot, CopyWorkQueue queue, PostDataScript postData,
        NpgsqlConnection target, CancellationToken cancellation)
    {
        var anonymiser = new Anonymiser(options.Key);
        var partitioned = await PartitionedTablesAsync(target, cancellation);
        var results = new ConcurrentBag<TableResult>();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var workers = Enumerable.Range(0, Math.Max(1, options.Jobs)).Select(async _ =>
        {
            await using var from = await options.Source.OpenAsync(failed.Token);
            await ExecuteAsync(from, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", failed.Token);
            await ExecuteAsync(from, $"SET TRANSACTION SNAPSHOT {Sql.Literal(snapshot)}", failed.Token);
            await using var to = await options.Target.OpenAsync(failed.Token);
            while (await queue.NextAsync(failed.Token) is { } work)
            {
                try
                {
                    if (work is LoadWork load)
                    {
                        results.Add(await CopyTableAsync(load.Table, from, to, anonymiser, LoadSchema, partitioned, failed.Token, load.Range, load.Label));
                    }
                    else if (work is PostDataWork post)
                    {
                        await using var command = new NpgsqlCommand(postData.Statement(post.Entry) + "RESET ALL;", to) { CommandTimeout = 0 };
                        await command.ExecuteNonQueryAsync(failed.Token);
                    }

                    queue.Done(work);
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }
            }
        }).ToList();

        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // A worker failed and cancelled the others: report the failure, not the cancellations.
            var failure = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault();
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        var perTable = results.GroupBy(r => r.Name, StringComparer.Ordinal).Select(ranges => ranges.Skip(1).Any()
            ? ranges.First() with
            {
                Rows = ranges.Sum(r => r.Rows), TargetRows = ranges.Sum(r => r.TargetRows), Bytes = ranges.Sum(r => r.Bytes),
                Elapsed = ranges.Max(r => r.Elapsed),
            }
            : ranges.First()).ToList();
        foreach (var table in plan.Tables.Where(t => t.Skip))
        {
            perTable.Add(new TableResult(table.Name, true, 0, 0, 0, 0, TimeSpan.Zero));
        }

        return perTable.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One table's anonymised binary COPY stream from the source into <paramref name="intoSchema"/> on <paramref name="to"/>.
    /// With <paramref name="partitioned"/> (the load schema's partitioned tables) the table is loaded in a transaction
    /// of its own, emptied and written FROZEN; without it (<see cref="PartialRefresh"/>) the caller's transaction holds it.
    /// </summary>
    internal async Task<TableResult> CopyTableAsync(TablePlan table, NpgsqlConnection from, NpgsqlConnection to, Anonymiser anonymiser,
        string intoSchema, HashSet<string>? partitioned, CancellationToken cancellation, string? range = null, string? label = null)
    {
        var clock = Stopwatch.StartNew();
        var maskers = table.Columns.Select(c => FieldMaskers.For(c.Rule, c.Column, anonymiser)).ToList();
        var transfer = new BinaryCopyTransformer(maskers);
        label ??= table.Name;
        options.Progress.TableStarted(label, transfer, range is null ? table.SizeBytes : table.SizeBytes / Math.Max(1, options.Jobs));
        var target = Sql.Qualified(intoSchema, table.Name);
        // FREEZE: the table is emptied in the loading transaction, so its rows can be written frozen (no hint-bit
        // writes when the indexes are built and no anti-wraparound vacuum later). Partitioned tables cannot be.
        var ownTransaction = partitioned is not null;
        // A table split into key ranges loads in several transactions at once: none of them can empty it, so no FREEZE.
        var freeze = ownTransaction && range is null && !partitioned!.Contains(table.Name);
        var select = range is null ? table.SelectSql() : $"{table.SelectSql()} {(table.Where is null ? "WHERE" : "AND")} ({range})";
        await using (var load = ownTransaction ? await to.BeginTransactionAsync(cancellation) : null)
        await using (var export = await from.BeginRawBinaryCopyAsync($"COPY ({select}) TO STDOUT (FORMAT BINARY)", cancellation))
        {
            if (freeze)
            {
                await ExecuteAsync(to, $"TRUNCATE {target}", cancellation);
            }

            var import = await to.BeginRawBinaryCopyAsync(
                $"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})", cancellation);
            try
            {
                var input = options.SourceTap is null ? export : options.SourceTap(export);
                await transfer.RunAsync(input, import, cancellation);
            }
            catch (PostgresException e) when (!cancellation.IsCancellationRequested)
            {
                await CancelQuietlyAsync(import);
                throw new ToolException($"the copy of {table.Name} failed: {CopyErrors.Describe(e, intoSchema)}; {options.Target.Label} was left as it was", ExitCodes.Failure);
            }
            catch
            {
                try
                {
                    await import.CancelAsync();
                    await import.DisposeAsync();
                }
                catch (ObjectDisposedException)
                {
                    // The connection broke and ended the COPY: the original failure is what to report.
                }

                throw;
            }

            // COPY is all or nothing: once the server has accepted the end of the stream, every tuple sent is in.
            await import.DisposeAsync();
            if (load is not null)
            {
                await load.CommitAsync(cancellation);
            }
        }

        var loaded = transfer.RowsWritten;
        var result = new TableResult(table.Name, false, table.Columns.Count(c => c.Rule.IsMasked), transfer.Rows, loaded, transfer.Bytes, clock.Elapsed);
        options.Progress.TableDone(result with { Name = label });
        return result;
    }

    private static async Task CancelQuietlyAsync(NpgsqlRawCopyStream import)
    {
        try
        {
            await import.CancelAsync();
            await import.DisposeAsync();
        }
        catch (Exception e) when (e is ObjectDisposedException or NpgsqlException)
        {
            // The connection broke or the server already ended the COPY: the original failure is what to report.
        }
    }

    /// <summary>What the streams left of the post-data (see <see cref="CopyWorkQueue.Leftovers"/>) in stages, each
    /// stage's scripts on parallel psql sessions. The load schema is not live yet, so no stage needs to be one
    /// transaction: a failure drops the whole load schema.</summary>
    private async Task PostDataLeftoversAsync(CopyPlan plan, CopyWorkQueue queue, PostDataScript postData, CancellationToken cancellation)
    {
        var sizes = plan.Tables.ToDictionary(t => t.Name, t => t.SizeBytes, StringComparer.Ordinal);
        var (indexes, foreignKeys, others) = queue.Leftovers();
        foreach (var stage in postData.Stages(indexes, foreignKeys, others, sizes, options.Jobs))
        {
            await Task.WhenAll(stage.Select(script => PsqlAsync(script, cancellation)));
        }
    }

    internal static async Task SetSequencesAsync(CopyPlan plan, NpgsqlConnection source, NpgsqlConnection target, string intoSchema, CancellationToken cancellation)
    {
        foreach (var sequence in plan.Sequences)
        {
            await using var read = new NpgsqlCommand($"SELECT last_value, is_called FROM {Sql.Qualified(SchemaReader.SchemaName, sequence)}", source);
            await using var reader = await read.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            var (value, called) = (reader.GetInt64(0), reader.GetBoolean(1));
            await reader.CloseAsync();
            await using var write = new NpgsqlCommand("SELECT setval(@seq::regclass, @value, @called)", target);
            write.Parameters.AddWithValue("seq", Sql.Qualified(intoSchema, sequence));
            write.Parameters.AddWithValue("value", value);
            write.Parameters.AddWithValue("called", called);
            await write.ExecuteNonQueryAsync(cancellation);
        }
    }

    private async Task<HashSet<string>> PartitionedTablesAsync(NpgsqlConnection target, CancellationToken cancellation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT relname FROM pg_class WHERE relnamespace = @schema::regnamespace AND relkind = 'p'", target);
        command.Parameters.AddWithValue("schema", Sql.Identifier(LoadSchema));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<List<(string Name, string Schema)>> ExtensionsAsync(NpgsqlConnection source, CancellationToken cancellation)
    {
        var list = new List<(string, string)>();
        await using var command = new NpgsqlCommand(
            "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1", source);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>The names of the types and functions extensions own in the source's public schema (pg_dump writes them public.x too).</summary>
    private static async Task<HashSet<string>> ExtensionMembersAsync(NpgsqlConnection source, CancellationToken cancellation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT t.typname FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
            WHERE t.typnamespace = 'public'::regnamespace
            UNION SELECT p.proname FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
            WHERE p.pronamespace = 'public'::regnamespace
            UNION SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
            WHERE c.relnamespace = 'public'::regnamespace
            """, source);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private Task<string> DumpSectionAsync(string section, string snapshot, CancellationToken cancellation) =>
        options.Tools.RunAsync("pg_dump",
            ["--schema-only", $"--section={section}", "--schema=public", "--no-owner", "--no-privileges", $"--snapshot={snapshot}"],
            options.Source.LibpqEnvironment, null, cancellation);

    private Task<string> PsqlAsync(string script, CancellationToken cancellation) =>
        options.Tools.RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], options.Target.LibpqEnvironment, script, cancellation);

    private static async Task DropLeftoversAsync(NpgsqlConnection target, CancellationToken cancellation)
    {
        var leftovers = new List<string>();
        await using (var command = new NpgsqlCommand($"SELECT nspname FROM pg_namespace WHERE nspname LIKE '{LoadPrefix}%'", target))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                leftovers.Add(reader.GetString(0));
            }
        }

        foreach (var schema in leftovers)
        {
            await ExecuteAsync(target, $"DROP SCHEMA {Sql.Identifier(schema)} CASCADE", cancellation);
        }
    }

    /// <summary>Best effort, on a fresh connection and not cancellable: the copy was interrupted or failed.</summary>
    private async Task DropLoadSchemaAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var connection = await options.Target.OpenAsync(timeout.Token);
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {Sql.Identifier(LoadSchema)} CASCADE", timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or ToolException or OperationCanceledException)
        {
            // The live schema was never touched; the next copy drops this leftover.
        }
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellation);
    }
}
