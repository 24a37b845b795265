using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps, every page (or the first <paramref name="limit"/>), ordered by name.</summary>
    public Task<List<HerokuApp>> ListAppsAsync(int? limit = null, CancellationToken cancellation = default) =>
        ListAsync("/apps", HerokuJsonContext.Default.ListHerokuApp, new ListRange("name"), limit, cancellation);

    /// <summary>GET /apps/{app}; a missing app is a <see cref="HerokuApiException"/> (not_found).</summary>
    public Task<HerokuApp> GetAppAsync(string app, CancellationToken cancellation = default) =>
        GetAsync($"/apps/{Segment(app)}", HerokuJsonContext.Default.HerokuApp, cancellation);

    /// <summary>GET /apps/{app}, or null when there is no such app (or it is not visible to this token).</summary>
    public Task<HerokuApp?> FindAppAsync(string app, CancellationToken cancellation = default) =>
        GetOrNullAsync($"/apps/{Segment(app)}", HerokuJsonContext.Default.HerokuApp, cancellation);

    /// <summary>POST /apps (not retried).</summary>
    public Task<HerokuApp> CreateAppAsync(AppCreateRequest request, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Post, "/apps", request, HerokuJsonContext.Default.AppCreateRequest,
            HerokuJsonContext.Default.HerokuApp, cancellation);

    /// <summary>DELETE /apps/{app}.</summary>
    public async Task DeleteAppAsync(string app, CancellationToken cancellation = default) =>
        await SendAsync(HttpMethod.Delete, $"/apps/{Segment(app)}", null, null, cancellation).ConfigureAwait(false);

    /// <summary>PATCH /apps/{app} <c>{"maintenance": on}</c>.</summary>
    public Task<HerokuApp> SetMaintenanceAsync(string app, bool on, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Patch, $"/apps/{Segment(app)}", new AppUpdateRequest { Maintenance = on },
            HerokuJsonContext.Default.AppUpdateRequest, HerokuJsonContext.Default.HerokuApp, cancellation);
}
