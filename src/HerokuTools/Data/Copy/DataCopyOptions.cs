using HerokuTools.Data.Rules;

namespace HerokuTools.Data.Copy;

/// <summary>One copy: from where to where, under which rules, with which key.</summary>
public sealed record DataCopyOptions(DataRules Rules, byte[] Key, DatabaseTarget Source, DatabaseTarget Target)
{
    /// <summary>Parallel table streams.</summary>
    public int Jobs { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>The biggest pass-through table at least this big is loaded in key ranges, one per stream (without
    /// FREEZE). Off by default: on the bench it was no faster than one stream loading the table frozen.</summary>
    public long SplitTableMinBytes { get; init; } = long.MaxValue;

    /// <summary>Check and plan only; nothing is written to the target.</summary>
    public bool DryRun { get; init; }

    /// <summary>A partial refresh: replace the rows of these tables only, in one transaction; the others stay as they are.</summary>
    public IReadOnlyCollection<string>? OnlyTables { get; init; }

    /// <summary>Drop the target's objects outside <c>public</c> that depend on <c>public</c> (see <see cref="OutsideDependents"/>)
    /// with the old tables; without it such objects refuse the copy.</summary>
    public bool DropDependents { get; init; }

    /// <summary>First save the target with <c>pg_dump -Fc</c> to this file.</summary>
    public string? BackupFile { get; init; }

    public PgTools Tools { get; init; } = PgTools.Locate(Environment.GetEnvironmentVariable("PATH"));

    public IDataCopyProgress Progress { get; init; } = NoProgress.Instance;

    /// <summary>Wraps each source COPY stream (tests read what the client received through it).</summary>
    public Func<Stream, Stream>? SourceTap { get; init; }
}

/// <summary>What the copy reports while it runs (the CLI renders it; tests may act on it).</summary>
public interface IDataCopyProgress
{
    void Phase(string text);

    void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes);

    void TableDone(TableResult result);
}

public sealed class NoProgress : IDataCopyProgress
{
    public static NoProgress Instance { get; } = new();

    public void Phase(string text)
    {
    }

    public void TableStarted(string table, BinaryCopyTransformer transfer, long expectedBytes)
    {
    }

    public void TableDone(TableResult result)
    {
    }
}

/// <param name="Rows">Rows streamed from the source (under the snapshot, after where:).</param>
/// <param name="TargetRows">Rows the target accepted: the tuples written into its COPY, which loads all of them or none.</param>
/// <param name="Bytes">Bytes received from the source.</param>
public sealed record TableResult(string Name, bool Skipped, int MaskedColumns, long Rows, long TargetRows, long Bytes, TimeSpan Elapsed)
{
    public bool CountsMatch => Rows == TargetRows;
}

/// <summary>The canary: sampled source values of each masked column, looked for in the copy.</summary>
public sealed record CanaryResult(int ColumnsChecked, int ValuesChecked, IReadOnlyList<string> Leaks)
{
    public bool Passed => Leaks.Count == 0;

    /// <summary>Masked columns (table.column) the canary cannot check: shifted dates.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];
}

public sealed record DataCopyResult(CopyPlan Plan, IReadOnlyList<TableResult> Tables, CanaryResult? Canary, TimeSpan Elapsed, bool DryRun)
{
    /// <summary>Objects outside <c>public</c> dropped with the old tables (<see cref="DataCopyOptions.DropDependents"/>); in a dry run, those that would be.</summary>
    public IReadOnlyList<string> DroppedDependents { get; init; } = [];

    /// <summary>The materialized views refreshed after loading (those the source had populated).</summary>
    public IReadOnlyList<string> RefreshedViews { get; init; } = [];
}

/// <summary>The rules do not cover the schema (or name things that do not exist); nothing was written.</summary>
public sealed class DataRulesException(IReadOnlyList<CoverageProblem> problems)
    : Common.ToolException($"the data rules do not cover the schema ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was copied", Common.ExitCodes.Failure)
{
    public IReadOnlyList<CoverageProblem> Problems { get; } = problems;
}
