using System.Text.Json;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>POST /filters/apps: apps by id (<c>{"in": {"id": [...]}}</c>), as team-app records; pipelines:info uses it.</summary>
internal static class FiltersApi
{
    public static void MapFilters(this IEndpointRouteBuilder routes, SandboxState state) =>
        routes.MapPost("/filters/apps", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var ids = body.Object("in") is { } filter && filter.TryGetProperty("id", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToHashSet(StringComparer.Ordinal)
                : throw ApiException.InvalidParams("in.id is required: a list of app ids.");
            return state.Locked(() => ApiResults.Json(
                [.. state.Apps().Where(a => ids.Contains(a.Id)).Select(a => View(AppsApi.View(state, a)))],
                ApiJsonContext.Default.ListTeamAppView));
        });

    private static TeamAppView View(AppView app) => new(
        app.ArchivedAt, app.BuildpackProvidedDescription, app.BuildStack, app.CreatedAt, app.GitUrl, app.Id, app.InternalRouting,
        Joined: false, Locked: false, app.Maintenance, app.Name, Team: null, app.Owner, app.Region, app.ReleasedAt, app.RepoSize,
        app.SlugSize, app.Space, app.Stack, app.UpdatedAt, app.WebUrl);
}

public sealed record TeamAppView(
    string? ArchivedAt,
    string? BuildpackProvidedDescription,
    NamedRef BuildStack,
    string CreatedAt,
    string GitUrl,
    string Id,
    bool? InternalRouting,
    bool Joined,
    bool Locked,
    bool Maintenance,
    string Name,
    NamedRef? Team,
    UserRef Owner,
    NamedRef Region,
    string? ReleasedAt,
    long? RepoSize,
    long? SlugSize,
    NamedRef? Space,
    NamedRef Stack,
    string UpdatedAt,
    string? WebUrl);
