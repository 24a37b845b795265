using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Pipelines: create, list, info (by id or name).</summary>
internal static class PipelinesApi
{
    public static void MapPipelines(this IEndpointRouteBuilder routes, SandboxState state)
    {
        // The official CLI finds a pipeline by name with /pipelines?eq[name]=NAME.
        routes.MapGet("/pipelines", (HttpRequest request) =>
        {
            var name = request.Query["eq[name]"].FirstOrDefault();
            return ApiResults.Json([.. state.Pipelines().Where(p => name is null || p.Name == name).Select(View)], ApiJsonContext.Default.ListPipelineView);
        });

        routes.MapGet("/pipelines/{pipeline}", (string pipeline) =>
            ApiResults.Json(View(state.FindPipeline(pipeline)), ApiJsonContext.Default.PipelineView));

        routes.MapPost("/pipelines", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var created = state.CreatePipeline(body.RequiredString("name"));
            return ApiResults.Json(View(created), ApiJsonContext.Default.PipelineView, StatusCodes.Status201Created);
        });
    }

    private static PipelineView View(PipelineRecord pipeline) => new(
        CreatedAt: ApiResults.Time(pipeline.CreatedAt),
        Id: pipeline.Id,
        Name: pipeline.Name,
        Owner: new OwnerRef(SandboxState.AccountId, "user"),
        UpdatedAt: ApiResults.Time(pipeline.CreatedAt),
        Generation: Fixed.Generation);
}

public sealed record OwnerRef(string Id, string Type);

public sealed record PipelineView(string CreatedAt, string Id, string Name, OwnerRef? Owner, string UpdatedAt, NamedRef Generation);
