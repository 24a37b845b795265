namespace HerokuTools.Heroku.Models;

/// <summary>Heroku's error body: <c>{"id": "not_found", "message": "Couldn't find that app.", "url": ...}</c>.</summary>
internal sealed record HerokuError
{
    public string? Id { get; init; }
    public string? Message { get; init; }
    public string? Url { get; init; }
}
