using System.Text.Json;
using HerokuTools.Sandbox.Api;
using HerokuTools.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// The admin endpoint, with the API's token: <c>GET /__sandbox/faults</c> lists, <c>POST</c> adds one
/// (<see cref="FaultSpec"/>), <c>DELETE</c> clears all, <c>DELETE /__sandbox/faults/{id}</c> removes one.
/// </summary>
internal static class FaultAdminEndpoints
{
    public const string Prefix = "/__sandbox/";

    public static void MapFaultAdmin(this IEndpointRouteBuilder routes, FaultBook faults, string token)
    {
        var group = routes.MapGroup("/__sandbox/faults");
        group.AddEndpointFilter(async (context, next) =>
            ApiToken.Authorizes(context.HttpContext.Request.Headers.Authorization, token)
                ? await next(context)
                : Error(401, "unauthorized", "Invalid credentials provided."));

        group.MapGet("", () => Results.Json([.. faults.List()], FaultJsonContext.Default.ListFaultView, ApiResults.ContentType));

        group.MapPost("", async (HttpRequest request) =>
        {
            try
            {
                var spec = await JsonSerializer.DeserializeAsync(request.Body, FaultJsonContext.Default.FaultSpec, request.HttpContext.RequestAborted)
                    ?? throw new ArgumentException("the body must be a JSON object.");
                return Results.Json(faults.Add(spec), FaultJsonContext.Default.FaultView, ApiResults.ContentType, StatusCodes.Status201Created);
            }
            catch (JsonException e)
            {
                return Error(422, "invalid_params", "Invalid fault: " + e.Message);
            }
            catch (ArgumentException e)
            {
                return Error(422, "invalid_params", "Invalid fault: " + e.Message);
            }
        });

        group.MapDelete("", () => Results.Json(new FaultsCleared(faults.Clear()), FaultJsonContext.Default.FaultsCleared, ApiResults.ContentType));

        group.MapDelete("/{id}", (string id) => faults.Remove(id)
            ? Results.NoContent()
            : Error(404, "not_found", "Couldn't find that fault."));
    }

    private static IResult Error(int status, string id, string message) =>
        Results.Json(new ErrorView(id, message), FaultJsonContext.Default.ErrorView, ApiResults.ContentType, status);
}
