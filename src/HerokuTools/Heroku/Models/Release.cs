namespace HerokuTools.Heroku.Models;

/// <summary>A release (GET /apps/{app}/releases); <see cref="Status"/> is pending, succeeded, failed or expired.</summary>
public sealed record Release
{
    public string? Id { get; init; }
    public int Version { get; init; }
    public string? Status { get; init; }
    public string? Description { get; init; }
    public bool Current { get; init; }
    public ResourceRef? App { get; init; }
    public ResourceRef? Slug { get; init; }
    public UserRef? User { get; init; }
    public IReadOnlyList<string>? AddonPlanNames { get; init; }
    public string? OutputStreamUrl { get; init; }
    public bool? EligibleForRollback { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>POST /apps/{app}/releases with <c>{"release": id}</c> is a rollback.</summary>
internal sealed record RollbackRequest
{
    public required string Release { get; init; }
}
