using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Domains: each app has its default <c>APP.herokuapp.com</c> (kind heroku); custom domains are not supported.</summary>
internal static class DomainsApi
{
    public static void MapDomains(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/domains", (string app) =>
            ApiResults.Json([Default(state.FindApp(app))], ApiJsonContext.Default.ListDomainView));

        routes.MapGet("/apps/{app}/domains/{domain}", (string app, string domain) =>
        {
            var view = Default(state.FindApp(app));
            return view.Id == domain || string.Equals(view.Hostname, domain, StringComparison.OrdinalIgnoreCase)
                ? ApiResults.Json(view, ApiJsonContext.Default.DomainView)
                : ApiResults.Error(ApiException.NotFound("Couldn't find that domain."));
        });
    }

    private static DomainView Default(AppRecord app) => new(
        AcmStatus: null,
        AcmStatusReason: null,
        App: new AppRef(app.Name, app.Id),
        Cname: null,
        CreatedAt: ApiResults.Time(app.CreatedAt),
        Hostname: $"{app.Name}.herokuapp.com",
        Id: Fixed.StableId("domain:" + app.Id),
        Kind: "heroku",
        UpdatedAt: ApiResults.Time(app.CreatedAt),
        Status: "none",
        SniEndpoint: null);
}

public sealed record DomainView(
    string? AcmStatus,
    string? AcmStatusReason,
    AppRef App,
    string? Cname,
    string CreatedAt,
    string Hostname,
    string Id,
    string Kind,
    string UpdatedAt,
    string Status,
    string? SniEndpoint);
