using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps/{app}/slugs/{id}: the commit and process types a release runs.</summary>
    public Task<Slug> GetSlugAsync(string app, string slugId, CancellationToken cancellation = default) =>
        GetAsync($"/apps/{Segment(app)}/slugs/{Segment(slugId)}", HerokuJsonContext.Default.Slug, cancellation);
}
