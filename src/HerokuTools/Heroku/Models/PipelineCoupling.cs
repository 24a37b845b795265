namespace HerokuTools.Heroku.Models;

/// <summary>An app's place in a pipeline; <see cref="Stage"/> is test, review, development, staging or production.</summary>
public sealed record PipelineCoupling
{
    public string? Id { get; init; }
    public string? Stage { get; init; }
    public ResourceRef? App { get; init; }
    public ResourceRef? Pipeline { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
