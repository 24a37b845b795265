namespace HerokuTools.Heroku.Models;

/// <summary>GET /account: who the token belongs to.</summary>
public sealed record Account
{
    public string? Id { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public bool? Verified { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? LastLogin { get; init; }
    public ResourceRef? DefaultTeam { get; init; }
}
