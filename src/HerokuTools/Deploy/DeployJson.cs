using System.Text.Json.Serialization;

namespace HerokuTools.Deploy;

/// <summary>The JSON of deploy, status, rollback and the webhooks: snake_case, source-generated (AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DeployDocument))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(DeployNotification))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(RollbackDocument))]
internal sealed partial class DeployJson : JsonSerializerContext;

internal sealed record JsonCommit(string Sha, string Author, string Subject);

internal sealed record JsonRemovedCommit(string Sha, string Author, string Subject, bool Migrations);

internal sealed record JsonFile(string Status, string Path, string? OldPath, IReadOnlyList<string> Triggers);

internal sealed record JsonStep(string Kind, string Title, string Reason, string? Command);

internal sealed record JsonStepResult(string Kind, string Title, string Outcome, long DurationMs, string? Message);

internal sealed record JsonDeployResult(
    bool Succeeded,
    int? ReleaseVersion,
    string? ReleaseNote,
    string? Tag,
    bool MaintenanceLeftOn,
    string? Error,
    string DeployedBy,
    IReadOnlyList<JsonStepResult> Steps);

/// <summary>deploy --json: the plan, and the result when it ran.</summary>
internal sealed record DeployDocument(
    string Environment,
    string App,
    string SourceRef,
    string? BaseCommit,
    string TargetCommit,
    int? CurrentReleaseVersion,
    bool FirstDeploy,
    bool UpToDate,
    bool DryRun,
    IReadOnlyList<JsonCommit> Commits,
    IReadOnlyList<JsonFile> Files,
    IReadOnlyList<JsonStep> Steps,
    IReadOnlyList<string> Notes,
    JsonDeployResult? Result)
{
    /// <summary>The commits running now that the deploy removes (diverged branches, or forced back).</summary>
    public IReadOnlyList<JsonRemovedCommit> RemovedCommits { get; init; } = [];

    public static DeployDocument From(DeployPlan plan, bool dryRun, DeployResult? result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Build(plan, dryRun, result) with
        {
            RemovedCommits = plan.RemovedCommits.Select(r => new JsonRemovedCommit(r.Commit.Sha, r.Commit.AuthorName, r.Commit.Subject, r.Migrations)).ToList(),
        };
    }

    private static DeployDocument Build(DeployPlan plan, bool dryRun, DeployResult? result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var c = plan.Changeset;
        var triggers = plan.TriggeredFiles.ToLookup(t => t.Path, StringComparer.Ordinal);
        return new DeployDocument(
            plan.Environment, plan.App, plan.SourceRef, c.Base, c.Target, plan.Target.ReleaseVersion, c.IsFirstDeploy, plan.UpToDate, dryRun,
            c.Commits.Select(x => new JsonCommit(x.Sha, x.AuthorName, x.Subject)).ToList(),
            c.Files.Select(f => new JsonFile(f.Status.ToString(), f.Path, f.OldPath,
                triggers[f.Path].Select(t => Kind(t.Step)).ToList())).ToList(),
            plan.Steps.Select(s => new JsonStep(Kind(s.Kind), s.Title, s.Reason, s.Command)).ToList(),
            plan.Notes,
            result is null ? null : new JsonDeployResult(result.Succeeded, result.ReleaseVersion, result.ReleaseNotePath, result.Tag,
                result.MaintenanceLeftOn, result.Error, result.DeployedBy,
                result.Steps.Select(s => new JsonStepResult(Kind(s.Kind), s.Title, s.Outcome.ToString().ToLowerInvariant(),
                    (long)s.Duration.TotalMilliseconds, s.Message)).ToList()));
    }

    /// <summary>snake_case step kind: maintenance_on, push, migrate...</summary>
    public static string Kind(StepKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}

/// <summary>status --json.</summary>
internal sealed record StatusDocument(IReadOnlyList<EnvironmentStatus> Environments);

/// <summary>rollback --json.</summary>
internal sealed record RollbackDocument(
    string Environment,
    string App,
    int FromVersion,
    int ToVersion,
    int? NewVersion,
    string? FromCommit,
    string? ToCommit,
    IReadOnlyList<JsonCommit> CommitsRolledBack,
    IReadOnlyList<string> MigrationFiles,
    bool DryRun);
