namespace HerokuTools.Deploy;

public enum StepOutcome
{
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Done in part, and that is not a failure of the deploy (a webhook that could not be told).</summary>
    Warned,
}

/// <summary>How one step went.</summary>
public sealed record StepResult(StepKind Kind, string Title, StepOutcome Outcome, TimeSpan Duration, string? Message = null);

/// <summary>How a deploy went: every step's outcome and what it left behind.</summary>
public sealed record DeployResult(
    bool Succeeded,
    IReadOnlyList<StepResult> Steps,
    int? ReleaseVersion,
    string? ReleaseNotePath,
    string? Tag,
    bool MaintenanceLeftOn,
    string? Error,
    string DeployedBy,
    DateTimeOffset StartedAt,
    TimeSpan Duration);
