namespace HerokuTools.Heroku.Models;

/// <summary>An add-on (GET /apps/{app}/addons); <see cref="State"/> is provisioning, provisioned or deprovisioned.</summary>
public sealed record Addon
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? State { get; init; }
    public ResourceRef? AddonService { get; init; }
    public ResourceRef? Plan { get; init; }

    /// <summary>The billing app that owns the add-on.</summary>
    public ResourceRef? App { get; init; }

    /// <summary>Names of the config vars the add-on sets on its owning app, e.g. DATABASE_URL.</summary>
    public IReadOnlyList<string>? ConfigVars { get; init; }

    public string? WebUrl { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>POST /apps/{app}/addons: the plan, e.g. <c>heroku-postgresql</c> or <c>heroku-postgresql:essential-0</c>.</summary>
public sealed record AddonCreateRequest
{
    public required string Plan { get; init; }
}
