using HerokuTools.Sandbox.Postgres;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

internal static class AppsApi
{
    public static void MapApps(this IEndpointRouteBuilder routes, SandboxState state, IPostgresProvisioner? postgres, Func<string, Task>? deleted)
    {
        routes.MapGet("/apps", (HttpContext context) => List(context, state));

        // `heroku apps` lists /users/~/apps: the sandbox's one account owns every app.
        routes.MapGet("/users/{user}/apps", (string user, HttpContext context) =>
        {
            AccountApi.Find(user);
            return List(context, state);
        });

        // `heroku apps --team T`: the sandbox has no teams.
        routes.MapGet("/teams/{team}/apps", () => ApiResults.Error(ApiException.NotFound("Couldn't find that team.")));

        routes.MapPost("/apps", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var created = state.CreateApp(body.String("name"));
            return ApiResults.Json(state.Locked(() => View(state, created)), ApiJsonContext.Default.AppView, StatusCodes.Status201Created);
        });

        routes.MapGet("/apps/{app}", (string app) =>
            ApiResults.Json(state.Locked(() => View(state, state.FindApp(app))), ApiJsonContext.Default.AppView));

        routes.MapPatch("/apps/{app}", async (string app, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var updated = state.UpdateApp(app, body.String("name"), body.Bool("maintenance"));
            return ApiResults.Json(state.Locked(() => View(state, updated)), ApiJsonContext.Default.AppView);
        });

        routes.MapDelete("/apps/{app}", async (string app) =>
        {
            var found = state.FindApp(app);
            var view = state.Locked(() => View(state, found));
            var (_, addons) = state.DeleteApp(found.Id);
            foreach (var addon in addons)
            {
                if (postgres is not null)
                {
                    await postgres.DropDatabaseAsync(addon.Name);
                }
            }

            if (deleted is not null)
            {
                await deleted(found.Name);
            }

            return ApiResults.Json(view, ApiJsonContext.Default.AppView);
        });
    }

    private static IResult List(HttpContext context, SandboxState state) => state.Locked(() => Paging.List(
        context, state.Apps(), ["id", "name"], (a, field) => field == "name" ? a.Name : a.Id, a => View(state, a),
        ApiJsonContext.Default.ListAppView));

    // repo_size/slug_size are 0, not null: the official CLI's apps:info formats them as file sizes.
    public static AppView View(SandboxState state, AppRecord app) => new(
        Acm: false,
        ArchivedAt: null,
        BuildpackProvidedDescription: null,
        BuildStack: Fixed.Stack,
        CreatedAt: ApiResults.Time(app.CreatedAt),
        Generation: Fixed.Generation,
        GitUrl: $"https://git.heroku.com/{app.Name}.git",
        Id: app.Id,
        InternalRouting: false,
        Maintenance: app.Maintenance,
        Name: app.Name,
        Owner: Fixed.Owner,
        Organization: null,
        Team: null,
        Region: Fixed.Region,
        ReleasedAt: ApiResults.Time(app.ReleasedAt),
        RepoSize: 0,
        SlugSize: 0,
        Space: null,
        Stack: Fixed.Stack,
        UpdatedAt: ApiResults.Time(app.UpdatedAt),
        WebUrl: $"https://{app.Name}.herokuapp.com/",
        CreateStatus: "complete");
}

public sealed record AppView(
    bool Acm,
    string? ArchivedAt,
    string? BuildpackProvidedDescription,
    NamedRef BuildStack,
    string CreatedAt,
    NamedRef Generation,
    string GitUrl,
    string Id,
    bool? InternalRouting,
    bool Maintenance,
    string Name,
    UserRef Owner,
    NamedRef? Organization,
    NamedRef? Team,
    NamedRef Region,
    string? ReleasedAt,
    long? RepoSize,
    long? SlugSize,
    NamedRef? Space,
    NamedRef Stack,
    string UpdatedAt,
    string? WebUrl,
    // Not in the schema, but the official CLI's apps:info prints "Create Status" unless it is "complete".
    string CreateStatus);
