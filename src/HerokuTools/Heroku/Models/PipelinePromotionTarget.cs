namespace HerokuTools.Heroku.Models;

/// <summary>One target app of a promotion; <see cref="Status"/> is pending, succeeded or failed.</summary>
public sealed record PipelinePromotionTarget
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? ErrorMessage { get; init; }
    public ResourceRef? App { get; init; }

    /// <summary>The release created on the target; null until there is one.</summary>
    public ResourceRef? Release { get; init; }

    public ResourceRef? PipelinePromotion { get; init; }
}
