namespace HerokuTools.Heroku.Models;

/// <summary>A dyno; <see cref="State"/> is one of crashed, down, idle, starting, up.</summary>
public sealed record Dyno
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? State { get; init; }
    public string? Type { get; init; }
    public string? Size { get; init; }
    public string? Command { get; init; }

    /// <summary>Where to attach to an attached one-off dyno's I/O (rendezvous); null when not attached.</summary>
    public string? AttachUrl { get; init; }

    public DynoReleaseRef? Release { get; init; }
    public ResourceRef? App { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record DynoReleaseRef
{
    public string? Id { get; init; }
    public int? Version { get; init; }
}

/// <summary>POST /apps/{app}/dynos: a one-off dyno. <see cref="Env"/> goes only in the request body.</summary>
public sealed record DynoCreateRequest
{
    public required string Command { get; init; }
    public bool? Attach { get; init; }
    public IReadOnlyDictionary<string, string>? Env { get; init; }
    public string? Size { get; init; }
    public string? Type { get; init; }

    /// <summary>Seconds until the dyno is killed (Heroku's maximum is 86400).</summary>
    public int? TimeToLive { get; init; }

    public bool? ForceNoTty { get; init; }
}
