namespace HerokuTools.Heroku.Models;

/// <summary>One process type's scale (GET /apps/{app}/formation).</summary>
public sealed record Formation
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public int Quantity { get; init; }
    public string? Size { get; init; }
    public ResourceRef? DynoSize { get; init; }
    public string? Command { get; init; }
    public ResourceRef? App { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>One change of a batch formation update: the process type and what to set (null leaves it).</summary>
public sealed record FormationUpdate(string Type, int? Quantity = null, string? Size = null);

internal sealed record FormationBatchRequest
{
    public required IReadOnlyList<FormationUpdateWire> Updates { get; init; }
}

internal sealed record FormationUpdateWire
{
    public required string Type { get; init; }
    public int? Quantity { get; init; }
    public ResourceRef? DynoSize { get; init; }
}
