using System.Text.Json;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Formation: list, info, scale/resize one process type, or a batch.</summary>
internal static class FormationApi
{
    public static void MapFormation(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/formation", (string app) => state.Locked(() =>
        {
            var found = state.FindApp(app);
            return ApiResults.Json([.. state.Formation(app).Select(f => View(found, f))], ApiJsonContext.Default.ListFormationView);
        }));

        routes.MapGet("/apps/{app}/formation/{type}", (string app, string type) => state.Locked(() =>
            ApiResults.Json(View(state.FindApp(app), state.FindFormation(app, type)), ApiJsonContext.Default.FormationView)));

        routes.MapPatch("/apps/{app}/formation/{type}", async (string app, string type, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var updated = state.UpdateFormation(app, [Update(body, type)]);
            return state.Locked(() => ApiResults.Json(View(state.FindApp(app), updated[0]), ApiJsonContext.Default.FormationView));
        });

        routes.MapPatch("/apps/{app}/formation", async (string app, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            if (!body.TryGetProperty("updates", out var updates) || updates.ValueKind != JsonValueKind.Array)
            {
                throw ApiException.InvalidParams("updates is required: a list of {type, quantity, dyno_size}.");
            }

            var parsed = updates.EnumerateArray().Select(u => Update(u, null)).ToList();
            var updated = state.UpdateFormation(app, parsed);
            return state.Locked(() =>
            {
                var found = state.FindApp(app);
                return ApiResults.Json([.. updated.Select(f => View(found, f))], ApiJsonContext.Default.ListFormationView);
            });
        });
    }

    private static FormationUpdate Update(JsonElement body, string? type)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.InvalidParams("Each formation update must be an object.");
        }

        var size = body.Object("dyno_size") is { } dynoSize ? dynoSize.String("name") ?? dynoSize.String("id") : body.String("size");
        return new FormationUpdate(type ?? body.RequiredString("type"), body.Int("quantity"), size);
    }

    private static FormationView View(AppRecord app, FormationRecord formation) => new(
        App: new AppRef(app.Name, app.Id),
        Command: formation.Command,
        CreatedAt: ApiResults.Time(formation.CreatedAt),
        DynoSize: new NamedRef(Fixed.StableId("size:" + formation.Size), formation.Size),
        Id: formation.Id,
        Quantity: formation.Quantity,
        Size: formation.Size,
        Type: formation.Type,
        UpdatedAt: ApiResults.Time(formation.UpdatedAt));
}

public sealed record FormationView(
    AppRef App,
    string Command,
    string CreatedAt,
    NamedRef DynoSize,
    string Id,
    int Quantity,
    string Size,
    string Type,
    string UpdatedAt);
