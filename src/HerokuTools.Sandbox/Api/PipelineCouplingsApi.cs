using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Pipeline couplings: couple an app at a stage; an app's coupling (404 when it has none); a pipeline's.</summary>
internal static class PipelineCouplingsApi
{
    public static void MapPipelineCouplings(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapPost("/pipeline-couplings", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var coupling = state.CreateCoupling(body.RequiredString("app"), body.RequiredString("pipeline"), body.RequiredString("stage"));
            return state.Locked(() => ApiResults.Json(View(state, coupling), ApiJsonContext.Default.CouplingView, StatusCodes.Status201Created));
        });

        // The official CLI breaks on an empty list here, so an uncoupled app answers 404 like Heroku.
        routes.MapGet("/apps/{app}/pipeline-couplings", (string app) => state.Locked(() =>
            ApiResults.Json(View(state, state.CouplingOf(app)), ApiJsonContext.Default.CouplingView)));

        routes.MapGet("/pipelines/{pipeline}/pipeline-couplings", (string pipeline) => state.Locked(() =>
            ApiResults.Json([.. state.Couplings(pipeline).Select(c => View(state, c))], ApiJsonContext.Default.ListCouplingView)));
    }

    private static CouplingView View(SandboxState state, CouplingRecord coupling)
    {
        var pipeline = state.FindPipeline(coupling.PipelineId);
        return new CouplingView(
            App: new IdRef(coupling.AppId),
            CreatedAt: ApiResults.Time(coupling.CreatedAt),
            Id: coupling.Id,
            Pipeline: new NamedRef(pipeline.Id, pipeline.Name),
            Stage: coupling.Stage,
            UpdatedAt: ApiResults.Time(coupling.UpdatedAt));
    }
}

public sealed record CouplingView(IdRef App, string CreatedAt, string Id, NamedRef Pipeline, string Stage, string UpdatedAt);
