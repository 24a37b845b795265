namespace HerokuTools.Heroku.Models;

/// <summary>An add-on attached to an app under a name (GET /apps/{app}/addon-attachments), e.g. DATABASE.</summary>
public sealed record AddonAttachment
{
    public string? Id { get; init; }

    /// <summary>The attachment name, e.g. DATABASE; the app's config var is <c>{Name}_URL</c>.</summary>
    public string? Name { get; init; }

    public string? Namespace { get; init; }
    public AttachedAddon? Addon { get; init; }

    /// <summary>The app the add-on is attached to.</summary>
    public ResourceRef? App { get; init; }

    public string? WebUrl { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The config var this attachment sets on the app, e.g. DATABASE_URL.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UrlConfigVar => Name is null ? null : Name + "_URL";
}

/// <summary>The add-on inside an attachment: its name, billing app and (when Heroku sends it) plan.</summary>
public sealed record AttachedAddon
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public ResourceRef? App { get; init; }
    public ResourceRef? Plan { get; init; }
    public IReadOnlyList<string>? ConfigVars { get; init; }
}
