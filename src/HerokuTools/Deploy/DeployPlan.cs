using HerokuTools.Git;

namespace HerokuTools.Deploy;

/// <summary>What a step does. The executor has one handler per kind; the renderer one line per step.</summary>
public enum StepKind
{
    MaintenanceOn,
    Push,

    /// <summary>A new release of an earlier release's slug (the Platform API rollback), when a push cannot build.</summary>
    Rollback,
    Promote,
    Migrate,
    Collectstatic,
    PostDeploy,
    MaintenanceOff,
    ReleaseNote,
    Tag,
    Notify,
}

/// <summary>One step of a deploy, with the reason it is in the plan.</summary>
/// <param name="Command">The one-off dyno command (Migrate, Collectstatic, PostDeploy), the source ref (Push), the release id (Rollback), or null.</param>
public sealed record DeployStep(StepKind Kind, string Title, string Reason, string? Command = null)
{
    /// <summary>Runs as one attached one-off dyno.</summary>
    public bool IsDynoCommand => Kind is StepKind.Migrate or StepKind.Collectstatic or StepKind.PostDeploy;

    /// <summary>Runs after the code is released (and only then): release note, tag; Notify runs on every path.</summary>
    public bool IsAfterward => Kind is StepKind.ReleaseNote or StepKind.Tag or StepKind.Notify;
}

/// <summary>
/// A deploy as data: built by <see cref="DeployPlanner"/> from (config, changeset, app state), printed by
/// --dry-run, emitted by --json, run by the executor. No step decides again whether it should run.
/// </summary>
public sealed record DeployPlan(
    DeployTarget Target,
    string SourceRef,
    Changeset Changeset,
    IReadOnlyList<TriggeredFile> TriggeredFiles,
    IReadOnlyList<DeployStep> Steps,
    IReadOnlyList<string> Notes)
{
    /// <summary>The commits the app runs now that the target does not have: the deploy removes them (diverged or forced back).</summary>
    public IReadOnlyList<RemovedCommit> RemovedCommits { get; init; } = [];

    public string Environment => Target.Environment;

    public string App => Target.App;

    /// <summary>Nothing to deploy and nothing owed: the app runs the target and no earlier deploy left steps unfinished.</summary>
    public bool UpToDate => Changeset.IsEmpty && Steps.Count == 0;

    public bool Has(StepKind kind) => Steps.Any(s => s.Kind == kind);

    /// <summary>The changed files that trigger <paramref name="kind"/>.</summary>
    public bool Triggers(string path, StepKind kind) => TriggeredFiles.Any(t => t.Step == kind && t.Path == path);
}

/// <summary>A changed file that triggers a step (shown marked in the changeset).</summary>
public sealed record TriggeredFile(string Path, StepKind Step, string Pattern);

/// <summary>A commit running now that the deploy removes; <paramref name="Migrations"/>: it touches a migration trigger.</summary>
public sealed record RemovedCommit(CommitInfo Commit, bool Migrations);
