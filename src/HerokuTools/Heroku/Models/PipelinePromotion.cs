namespace HerokuTools.Heroku.Models;

/// <summary>A promotion of one app's release to others; <see cref="Status"/> is pending or completed.</summary>
public sealed record PipelinePromotion
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public ResourceRef? Pipeline { get; init; }
    public PromotionSource? Source { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record PromotionSource
{
    public ResourceRef? App { get; init; }
    public ResourceRef? Release { get; init; }
}

internal sealed record PipelinePromotionRequest
{
    public required ResourceRef Pipeline { get; init; }
    public required PromotionSource Source { get; init; }
    public required IReadOnlyList<PromotionTargetRequest> Targets { get; init; }
}

internal sealed record PromotionTargetRequest
{
    public required ResourceRef App { get; init; }
}
