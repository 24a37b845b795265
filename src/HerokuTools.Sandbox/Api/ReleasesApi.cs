using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Releases: list (Range by version or id), info by id or version, and rollback by POST.</summary>
internal static class ReleasesApi
{
    public static void MapReleases(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/releases", (string app, HttpContext context) => state.Locked(() =>
        {
            var found = state.FindApp(app);
            var current = state.CurrentRelease(found);
            return Paging.List(
                context,
                state.Releases(app),
                ["version", "id"],
                (r, field) => field == "id" ? r.Id : r.Version,
                r => View(found, r, current),
                ApiJsonContext.Default.ListReleaseView);
        }));

        routes.MapGet("/apps/{app}/releases/{release}", (string app, string release) =>
            ApiResults.Json(state.Locked(() => View(state, state.FindRelease(app, release))), ApiJsonContext.Default.ReleaseView));

        routes.MapPost("/apps/{app}/releases", async (string app, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var target = body.String("release")
                ?? throw ApiException.InvalidParams("release is required: give the id or version to roll back to.");
            var release = state.Rollback(app, target);
            return ApiResults.Json(state.Locked(() => View(state, release)), ApiJsonContext.Default.ReleaseView, StatusCodes.Status201Created);
        });
    }

    public static ReleaseView View(SandboxState state, ReleaseRecord release)
    {
        var app = state.FindApp(release.AppId);
        return View(app, release, state.CurrentRelease(app));
    }

    private static ReleaseView View(AppRecord app, ReleaseRecord release, ReleaseRecord? current) => new(
        AddonPlanNames: release.AddonPlanNames,
        Artifacts: release.SlugId is null ? [] : [new ArtifactRef("slug", release.SlugId)],
        App: new AppRef(app.Name, app.Id),
        CreatedAt: ApiResults.Time(release.CreatedAt),
        Description: release.Description,
        Id: release.Id,
        UpdatedAt: ApiResults.Time(release.UpdatedAt),
        Slug: release.SlugId is null ? null : new IdRef(release.SlugId),
        Status: release.Status,
        User: Fixed.Owner,
        Version: release.Version,
        Current: current?.Id == release.Id,
        OutputStreamUrl: null,
        EligibleForRollback: release.Status == "succeeded");
}

public sealed record ArtifactRef(string Type, string Id);

public sealed record ReleaseView(
    List<string> AddonPlanNames,
    List<ArtifactRef> Artifacts,
    AppRef App,
    string CreatedAt,
    string Description,
    string Id,
    string UpdatedAt,
    IdRef? Slug,
    string Status,
    UserRef User,
    int Version,
    bool Current,
    string? OutputStreamUrl,
    bool EligibleForRollback);
