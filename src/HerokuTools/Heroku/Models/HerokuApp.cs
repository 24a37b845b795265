namespace HerokuTools.Heroku.Models;

/// <summary>An app (GET /apps/{app}).</summary>
public sealed record HerokuApp
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool Maintenance { get; init; }
    public string? GitUrl { get; init; }
    public string? WebUrl { get; init; }
    public UserRef? Owner { get; init; }
    public ResourceRef? Region { get; init; }
    public ResourceRef? Stack { get; init; }
    public ResourceRef? BuildStack { get; init; }
    public ResourceRef? Team { get; init; }
    public ResourceRef? Space { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
}

/// <summary>POST /apps; every field optional (Heroku picks a name when there is none).</summary>
public sealed record AppCreateRequest
{
    public string? Name { get; init; }
    public string? Region { get; init; }
    public string? Stack { get; init; }
}

internal sealed record AppUpdateRequest
{
    public bool? Maintenance { get; init; }
}
