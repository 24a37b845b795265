namespace HerokuTools.Heroku.Models;

/// <summary>A pipeline (GET /pipelines).</summary>
public sealed record Pipeline
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public PipelineOwner? Owner { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>Who owns a pipeline; <see cref="Type"/> is team or user.</summary>
public sealed record PipelineOwner
{
    public string? Id { get; init; }
    public string? Type { get; init; }
}
