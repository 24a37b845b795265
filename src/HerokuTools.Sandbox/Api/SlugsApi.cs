using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>GET /apps/{app}/slugs/{id}. Slugs are made by git pushes (SandboxState.CreateSlugRelease).</summary>
internal static class SlugsApi
{
    public static void MapSlugs(this IEndpointRouteBuilder routes, SandboxState state) =>
        routes.MapGet("/apps/{app}/slugs/{slug}", (string app, string slug, HttpRequest request) =>
            ApiResults.Json(View(state.FindSlug(app, slug), $"{request.Scheme}://{request.Host}"), ApiJsonContext.Default.SlugView));

    private static SlugView View(SlugRecord slug, string baseUrl) => new(
        Blob: new BlobRef("GET", $"{baseUrl}/__sandbox/slugs/{slug.Id}.tgz"),
        BuildpackProvidedDescription: null,
        Checksum: null,
        Commit: slug.Commit,
        CommitDescription: slug.CommitDescription,
        CreatedAt: ApiResults.Time(slug.CreatedAt),
        Id: slug.Id,
        ProcessTypes: new Dictionary<string, string>(slug.ProcessTypes),
        Size: null,
        Stack: Fixed.Stack,
        UpdatedAt: ApiResults.Time(slug.CreatedAt),
        DeletedAt: null);
}

public sealed record BlobRef(string Method, string Url);

public sealed record SlugView(
    BlobRef Blob,
    string? BuildpackProvidedDescription,
    string? Checksum,
    string? Commit,
    string? CommitDescription,
    string CreatedAt,
    string Id,
    Dictionary<string, string> ProcessTypes,
    long? Size,
    NamedRef Stack,
    string UpdatedAt,
    string? DeletedAt);
