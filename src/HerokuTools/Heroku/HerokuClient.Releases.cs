using System.Globalization;
using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>
    /// GET /apps/{app}/releases with <c>Range: version ..</c>; <paramref name="order"/> descending gives the newest
    /// first, and <paramref name="limit"/> stops after that many.
    /// </summary>
    public Task<List<Release>> ListReleasesAsync(
        string app, int? limit = null, ListOrder order = ListOrder.Ascending, CancellationToken cancellation = default) =>
        ListAsync($"/apps/{Segment(app)}/releases", HerokuJsonContext.Default.ListRelease,
            new ListRange("version", Order: order), limit, cancellation);

    /// <summary>GET /apps/{app}/releases/{id or version}.</summary>
    public Task<Release> GetReleaseAsync(string app, string idOrVersion, CancellationToken cancellation = default) =>
        GetAsync($"/apps/{Segment(app)}/releases/{Segment(idOrVersion)}", HerokuJsonContext.Default.Release, cancellation);

    /// <summary>GET /apps/{app}/releases/{version}.</summary>
    public Task<Release> GetReleaseAsync(string app, int version, CancellationToken cancellation = default) =>
        GetReleaseAsync(app, version.ToString(CultureInfo.InvariantCulture), cancellation);

    /// <summary>The release marked current among the newest few, else null (an app never released).</summary>
    public async Task<Release?> GetCurrentReleaseAsync(string app, CancellationToken cancellation = default)
    {
        var recent = await ListReleasesAsync(app, 25, ListOrder.Descending, cancellation).ConfigureAwait(false);
        return recent.FirstOrDefault(r => r.Current) ?? recent.FirstOrDefault(r => r.Status == "succeeded");
    }

    /// <summary>POST /apps/{app}/releases <c>{"release": id}</c>: a new release with that release's slug and config.</summary>
    public Task<Release> RollbackAsync(string app, string releaseId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(releaseId);
        return SendAsync(HttpMethod.Post, $"/apps/{Segment(app)}/releases", new RollbackRequest { Release = releaseId },
            HerokuJsonContext.Default.RollbackRequest, HerokuJsonContext.Default.Release, cancellation);
    }
}
