using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps/{app}/addons: the add-ons the app owns.</summary>
    public Task<List<Addon>> ListAddonsAsync(string app, CancellationToken cancellation = default) =>
        ListAsync($"/apps/{Segment(app)}/addons", HerokuJsonContext.Default.ListAddon, new ListRange("id"), null, cancellation);

    /// <summary>POST /apps/{app}/addons <c>{"plan": "heroku-postgresql"}</c> (not retried): provisions and attaches.</summary>
    public Task<Addon> CreateAddonAsync(string app, string plan, CancellationToken cancellation = default) =>
        SendAsync(HttpMethod.Post, $"/apps/{Segment(app)}/addons", new AddonCreateRequest { Plan = plan },
            HerokuJsonContext.Default.AddonCreateRequest, HerokuJsonContext.Default.Addon, cancellation);

    /// <summary>GET /apps/{app}/addon-attachments: what is attached to the app and under which name (DATABASE, ...).</summary>
    public Task<List<AddonAttachment>> ListAddonAttachmentsAsync(string app, CancellationToken cancellation = default) =>
        ListAsync($"/apps/{Segment(app)}/addon-attachments", HerokuJsonContext.Default.ListAddonAttachment,
            new ListRange("id"), null, cancellation);
}
