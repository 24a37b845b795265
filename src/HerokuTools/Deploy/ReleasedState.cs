using HerokuTools.Heroku;

namespace HerokuTools.Deploy;

/// <summary>What an app runs now: maintenance, the current release and the commit its slug was built from.</summary>
public sealed record ReleasedState(
    string App,
    string? AppId,
    bool Maintenance,
    int? Version,
    string? ReleaseId,
    string? Commit,
    DateTimeOffset? ReleasedAt,
    string? Description)
{
    /// <summary>The current release runs a slug (code); false for an app never deployed (config-only releases).</summary>
    public bool HasSlug { get; init; }

    /// <summary>Reads the app, its current release and that release's slug (release -> slug -> commit).</summary>
    public static async Task<ReleasedState> ReadAsync(HerokuClient client, string app, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        // On pool threads: the first use of each response type builds its JSON metadata (milliseconds in a native
        // build), which the caller's thread need not wait for.
        var appTask = Task.Run(() => client.GetAppAsync(app, cancellation), cancellation);
        var releaseTask = Task.Run(() => client.GetCurrentReleaseAsync(app, cancellation), cancellation);
        var found = await appTask;
        var release = await releaseTask;
        string? commit = null;
        if (release?.Slug?.Id is { } slugId)
        {
            commit = (await client.GetSlugAsync(app, slugId, cancellation)).Commit;
        }

        return new ReleasedState(found.Name ?? app, found.Id, found.Maintenance, release?.Version, release?.Id, commit,
            release?.CreatedAt, release?.Description)
        {
            HasSlug = release?.Slug?.Id is not null,
        };
    }
}
