using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /pipelines.</summary>
    public Task<List<Pipeline>> ListPipelinesAsync(CancellationToken cancellation = default) =>
        ListAsync("/pipelines", HerokuJsonContext.Default.ListPipeline, new ListRange("id"), null, cancellation);

    /// <summary>GET /pipelines/{id or name}.</summary>
    public Task<Pipeline> GetPipelineAsync(string idOrName, CancellationToken cancellation = default) =>
        GetAsync($"/pipelines/{Segment(idOrName)}", HerokuJsonContext.Default.Pipeline, cancellation);

    /// <summary>GET /apps/{app}/pipeline-couplings: the app's pipeline and stage, or null when it is in none.</summary>
    public Task<PipelineCoupling?> GetPipelineCouplingAsync(string app, CancellationToken cancellation = default) =>
        GetOrNullAsync($"/apps/{Segment(app)}/pipeline-couplings", HerokuJsonContext.Default.PipelineCoupling, cancellation);

    /// <summary>
    /// POST /pipeline-promotions: copies the source app's current release (or <paramref name="sourceReleaseId"/>)
    /// to the targets. Poll <see cref="GetPromotionAsync"/> until its status is completed.
    /// </summary>
    public Task<PipelinePromotion> CreatePromotionAsync(
        string pipelineId, string sourceAppId, IEnumerable<string> targetAppIds, string? sourceReleaseId = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceAppId);
        ArgumentNullException.ThrowIfNull(targetAppIds);
        var request = new PipelinePromotionRequest
        {
            Pipeline = ResourceRef.ById(pipelineId),
            Source = new PromotionSource
            {
                App = ResourceRef.ById(sourceAppId),
                Release = sourceReleaseId is null ? null : ResourceRef.ById(sourceReleaseId),
            },
            Targets = targetAppIds.Select(id => new PromotionTargetRequest { App = ResourceRef.ById(id) }).ToList(),
        };
        return SendAsync(HttpMethod.Post, "/pipeline-promotions", request,
            HerokuJsonContext.Default.PipelinePromotionRequest, HerokuJsonContext.Default.PipelinePromotion, cancellation);
    }

    /// <summary>GET /pipeline-promotions/{id}: status pending or completed.</summary>
    public Task<PipelinePromotion> GetPromotionAsync(string promotionId, CancellationToken cancellation = default) =>
        GetAsync($"/pipeline-promotions/{Segment(promotionId)}", HerokuJsonContext.Default.PipelinePromotion, cancellation);

    /// <summary>GET /pipeline-promotions/{id}/promotion-targets: each target's status, error and new release.</summary>
    public Task<List<PipelinePromotionTarget>> ListPromotionTargetsAsync(string promotionId, CancellationToken cancellation = default) =>
        ListAsync($"/pipeline-promotions/{Segment(promotionId)}/promotion-targets",
            HerokuJsonContext.Default.ListPipelinePromotionTarget, new ListRange("id"), null, cancellation);
}
