using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps/{app}/dynos.</summary>
    public Task<List<Dyno>> ListDynosAsync(string app, CancellationToken cancellation = default) =>
        ListAsync($"/apps/{Segment(app)}/dynos", HerokuJsonContext.Default.ListDyno, new ListRange("id"), null, cancellation);

    /// <summary>GET /apps/{app}/dynos/{id or name}, e.g. <c>run.1234</c>.</summary>
    public Task<Dyno> GetDynoAsync(string app, string idOrName, CancellationToken cancellation = default) =>
        GetAsync($"/apps/{Segment(app)}/dynos/{Segment(idOrName)}", HerokuJsonContext.Default.Dyno, cancellation);

    /// <summary>
    /// POST /apps/{app}/dynos: starts a one-off dyno (not retried: a retry could start a second one). With
    /// <c>Attach = true</c> the answer's <see cref="Dyno.AttachUrl"/> is where its I/O is.
    /// </summary>
    public Task<Dyno> CreateDynoAsync(string app, DynoCreateRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, $"/apps/{Segment(app)}/dynos", request,
            HerokuJsonContext.Default.DynoCreateRequest, HerokuJsonContext.Default.Dyno, cancellation);
    }

    /// <summary>POST /apps/{app}/dynos/{id or name}/actions/stop.</summary>
    public async Task StopDynoAsync(string app, string idOrName, CancellationToken cancellation = default) =>
        await SendAsync(HttpMethod.Post, $"/apps/{Segment(app)}/dynos/{Segment(idOrName)}/actions/stop", null, null, cancellation)
            .ConfigureAwait(false);
}
