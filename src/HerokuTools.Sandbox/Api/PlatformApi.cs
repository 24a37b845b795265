using HerokuTools.Sandbox.Hosting;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Maps every Platform API resource, and a JSON 404 for the routes Heroku does not have.</summary>
internal static class PlatformApi
{
    public static void MapPlatformApi(this WebApplication app, SandboxState state, SandboxOptions options)
    {
        app.MapAccount(state);
        app.MapApps(state, options.PostgresProvisioner, options.AppDeleted);
        app.MapConfigVars(state);
        app.MapReleases(state);
        app.MapSlugs(state);
        app.MapFormation(state);
        app.MapDynos(state, options);
        app.MapDomains(state);
        app.MapFilters(state);
        app.MapAddons(state, options.PostgresProvisioner);
        app.MapAddonAttachments(state);
        app.MapCollaborators(state);
        app.MapPipelines(state);
        app.MapPipelineCouplings(state);
        app.MapPipelinePromotions(state);
        app.MapLogSessions(state, options.Logs);
        app.MapFallback(() => ApiResults.Error(ApiMiddleware.NotFoundRoute()));
    }
}
