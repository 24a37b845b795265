using HerokuTools.Git;

namespace HerokuTools.Deploy;

/// <summary>What a step does. The executor has one handler per kind; the renderer one line per step.</summary>
public enum StepKind
{
    MaintenanceOn,
    Push,
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
/// <param name="Command">The one-off dyno command (Migrate, Collectstatic, PostDeploy), the ref spec (Push), or null.</param>
public sealed record DeployStep(StepKind Kind, string Title, string Reason, string? Command = null)
{
    /// <summary>Runs even when an earlier step failed (maintenance off, notifications).</summary>
    public bool Always => Kind is StepKind.MaintenanceOff or StepKind.Notify;
}

/// <summary>
/// A deploy as data: built by <see cref="DeployPlanner"/> from (config, changeset, app state), printed by
/// --dry-run, emitted by --json, run by the executor. No step decides again whether it should run.
/// </summary>
public sealed record DeployPlan(
    string Environment,
    string App,
    string SourceRef,
    Changeset Changeset,
    IReadOnlyList<TriggeredFile> TriggeredFiles,
    IReadOnlyList<DeployStep> Steps,
    IReadOnlyList<string> Notes)
{
    public bool UpToDate => Changeset.IsEmpty;

    public bool Has(StepKind kind) => Steps.Any(s => s.Kind == kind);
}

/// <summary>A changed file that triggers a step (shown marked in the changeset).</summary>
public sealed record TriggeredFile(string Path, StepKind Step, string Pattern);
