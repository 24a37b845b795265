namespace HerokuTools.Heroku.Models;

/// <summary>A slug (GET /apps/{app}/slugs/{id}): the built code of a release.</summary>
public sealed record Slug
{
    public string? Id { get; init; }

    /// <summary>The git commit the slug was built from (may be null).</summary>
    public string? Commit { get; init; }

    public string? CommitDescription { get; init; }

    /// <summary>Process type to command, e.g. <c>web</c> to <c>./bin/web -p $PORT</c>.</summary>
    public IReadOnlyDictionary<string, string>? ProcessTypes { get; init; }

    public string? BuildpackProvidedDescription { get; init; }
    public long? Size { get; init; }
    public string? Checksum { get; init; }
    public ResourceRef? Stack { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}
