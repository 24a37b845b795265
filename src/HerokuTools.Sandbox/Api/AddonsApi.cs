using HerokuTools.Sandbox.Postgres;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Add-ons (heroku-postgresql only), provisioned through <see cref="IPostgresProvisioner"/>.</summary>
internal static class AddonsApi
{
    public static void MapAddons(this IEndpointRouteBuilder routes, SandboxState state, IPostgresProvisioner? postgres)
    {
        routes.MapGet("/apps/{app}/addons", (string app) => state.Locked(() =>
            ApiResults.Json([.. state.Addons(app).Select(a => View(state, a, "provisioned"))], ApiJsonContext.Default.ListAddonView)));

        routes.MapGet("/apps/{app}/addons/{addon}", (string app, string addon) => state.Locked(() =>
            ApiResults.Json(View(state, state.FindAddon(app, addon), "provisioned"), ApiJsonContext.Default.AddonView)));

        routes.MapGet("/addons", () => state.Locked(() =>
            ApiResults.Json([.. state.AllAddons().Select(a => View(state, a, "provisioned"))], ApiJsonContext.Default.ListAddonView)));

        // What `heroku addons:info X -a app` (and every command taking an add-on) asks first.
        routes.MapPost("/actions/addons/resolve", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var matches = state.ResolveAddons(body.RequiredString("addon"), body.String("app"), body.String("addon_service"));
            return state.Locked(() => ApiResults.Json([.. matches.Select(a => View(state, a, "provisioned"))], ApiJsonContext.Default.ListAddonView));
        });

        routes.MapGet("/addons/{addon}", (string addon) => state.Locked(() =>
            ApiResults.Json(View(state, state.FindAddon(addon), "provisioned"), ApiJsonContext.Default.AddonView)));

        routes.MapPost("/apps/{app}/addons", async (string app, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var plan = body.Identity("plan") ?? throw ApiException.InvalidParams("plan is required.");
            var request2 = state.PlanAddon(app, plan, body.Object("attachment")?.String("name"));
            if (postgres is null)
            {
                throw ApiException.Unavailable("Add-ons are not available in this sandbox.");
            }

            var url = await postgres.CreateDatabaseAsync(request2.Name, request.HttpContext.RequestAborted);
            var addon = state.AddAddon(request2, url);
            return state.Locked(() => ApiResults.Json(View(state, addon, "provisioned"), ApiJsonContext.Default.AddonView, StatusCodes.Status201Created));
        });

        routes.MapDelete("/apps/{app}/addons/{addon}", async (string app, string addon) =>
        {
            var found = state.FindAddon(app, addon);
            var view = state.Locked(() => View(state, found, "deprovisioned"));
            if (postgres is not null)
            {
                await postgres.DropDatabaseAsync(found.Name);
            }

            state.RemoveAddon(app, found.Id);
            return ApiResults.Json(view, ApiJsonContext.Default.AddonView);
        });
    }

    public static string WebUrl(AddonRecord addon) => $"https://data.heroku.com/datastores/{addon.Id}";

    private static AddonView View(SandboxState state, AddonRecord addon, string status)
    {
        var app = state.FindApp(addon.AppId);
        return new AddonView(
            Actions: [],
            AddonService: new NamedRef(Fixed.StableId("service:" + addon.Service), addon.Service),
            BillingEntity: new BillingEntityRef(app.Id, app.Name, "app"),
            App: new NamedRef(app.Id, app.Name),
            BilledPrice: new PriceRef(0, false, "month"),
            ConfigVars: addon.ConfigVars,
            CreatedAt: ApiResults.Time(addon.CreatedAt),
            Id: addon.Id,
            Name: addon.Name,
            Plan: new NamedRef(Fixed.StableId("plan:" + addon.Plan), addon.Plan),
            ProviderId: addon.Id,
            ProvisionMessage: "Database has been created and is available",
            State: status,
            UpdatedAt: ApiResults.Time(addon.UpdatedAt),
            WebUrl: WebUrl(addon));
    }
}

public sealed record BillingEntityRef(string Id, string Name, string Type);

public sealed record PriceRef(int Cents, bool Contract, string Unit);

public sealed record AddonActionRef(string Id, string Label, string Action, string Url, bool RequiresOwner);

public sealed record AddonView(
    List<AddonActionRef> Actions,
    NamedRef AddonService,
    BillingEntityRef BillingEntity,
    NamedRef App,
    PriceRef? BilledPrice,
    List<string> ConfigVars,
    string CreatedAt,
    string Id,
    string Name,
    NamedRef Plan,
    string ProviderId,
    string ProvisionMessage,
    string State,
    string UpdatedAt,
    string? WebUrl);
