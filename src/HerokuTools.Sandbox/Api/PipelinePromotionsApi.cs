using System.Text.Json;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Pipeline promotions: copy a source app's slug to target apps (done at once: "completed").</summary>
internal static class PipelinePromotionsApi
{
    public static void MapPipelinePromotions(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapPost("/pipeline-promotions", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var pipeline = body.Object("pipeline")?.String("id") ?? throw ApiException.InvalidParams("pipeline.id is required.");
            var source = body.Object("source");
            var sourceApp = source?.Object("app")?.String("id") ?? throw ApiException.InvalidParams("source.app.id is required.");
            var sourceRelease = source?.Object("release")?.String("id");
            if (!body.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
            {
                throw ApiException.InvalidParams("targets is required: a list of {app: {id}}.");
            }

            var targetApps = targets.EnumerateArray()
                .Select(t => (t.ValueKind == JsonValueKind.Object ? t.Object("app")?.String("id") : null)
                    ?? throw ApiException.InvalidParams("Each target needs app.id."))
                .ToList();
            var promotion = state.Promote(pipeline, sourceApp, sourceRelease, targetApps);
            return ApiResults.Json(View(promotion), ApiJsonContext.Default.PromotionView, StatusCodes.Status201Created);
        });

        routes.MapGet("/pipeline-promotions/{promotion}", (string promotion) =>
            ApiResults.Json(View(state.FindPromotion(promotion)), ApiJsonContext.Default.PromotionView));

        routes.MapGet("/pipeline-promotions/{promotion}/promotion-targets", (string promotion) =>
        {
            var found = state.FindPromotion(promotion);
            return ApiResults.Json([.. found.Targets.Select(t => TargetView(found, t))], ApiJsonContext.Default.ListPromotionTargetView);
        });
    }

    private static PromotionView View(PromotionRecord promotion) => new(
        CreatedAt: ApiResults.Time(promotion.CreatedAt),
        Id: promotion.Id,
        Pipeline: new IdRef(promotion.PipelineId),
        Source: new PromotionSource(new IdRef(promotion.SourceAppId), new IdRef(promotion.SourceReleaseId)),
        Status: promotion.Status,
        UpdatedAt: ApiResults.Time(promotion.CreatedAt));

    private static PromotionTargetView TargetView(PromotionRecord promotion, PromotionTargetRecord target) => new(
        App: new IdRef(target.AppId),
        ErrorMessage: target.ErrorMessage,
        Id: target.Id,
        PipelinePromotion: new IdRef(promotion.Id),
        Release: target.ReleaseId is null ? null : new IdRef(target.ReleaseId),
        Status: target.Status);
}

public sealed record PromotionSource(IdRef App, IdRef Release);

public sealed record PromotionView(string CreatedAt, string Id, IdRef Pipeline, PromotionSource Source, string Status, string? UpdatedAt);

public sealed record PromotionTargetView(IdRef App, string? ErrorMessage, string Id, IdRef PipelinePromotion, IdRef? Release, string Status);
