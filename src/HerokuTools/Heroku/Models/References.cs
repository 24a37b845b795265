namespace HerokuTools.Heroku.Models;

/// <summary>A nested identity Heroku embeds in other resources: <c>{"id": ..., "name": ...}</c>.</summary>
public sealed record ResourceRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }

    public static ResourceRef ById(string id) => new() { Id = id };

    public static ResourceRef ByName(string name) => new() { Name = name };
}

/// <summary>A nested user: <c>{"id": ..., "email": ...}</c> (release.user, app.owner).</summary>
public sealed record UserRef
{
    public string? Id { get; init; }
    public string? Email { get; init; }
}
