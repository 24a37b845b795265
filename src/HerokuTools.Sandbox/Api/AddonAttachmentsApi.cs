using System.Text.Json.Serialization;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Add-on attachments: all, by app, by add-on, by id, and resolved from what a user typed.</summary>
internal static class AddonAttachmentsApi
{
    public static void MapAddonAttachments(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/addon-attachments", (string app, HttpRequest request) => state.Locked(() =>
            ApiResults.Json([.. state.Attachments(app).Select(a => View(state, a, request))], ApiJsonContext.Default.ListAttachmentView)));

        routes.MapGet("/addon-attachments", (HttpRequest request) => state.Locked(() =>
            ApiResults.Json([.. state.AllAttachments().Select(a => View(state, a, request))], ApiJsonContext.Default.ListAttachmentView)));

        routes.MapPost("/actions/addon-attachments/resolve", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var matches = state.ResolveAttachments(body.RequiredString("addon_attachment"), body.String("app"), body.String("addon_service"));
            return state.Locked(() => ApiResults.Json([.. matches.Select(a => View(state, a, request))], ApiJsonContext.Default.ListAttachmentView));
        });

        routes.MapGet("/addon-attachments/{attachment}", (string attachment, HttpRequest request) => state.Locked(() =>
            ApiResults.Json(View(state, state.FindAttachment(attachment), request), ApiJsonContext.Default.AttachmentView)));

        routes.MapGet("/addons/{addon}/addon-attachments", (string addon, HttpRequest request) => state.Locked(() =>
            ApiResults.Json([.. state.AttachmentsOf(state.FindAddon(addon)).Select(a => View(state, a, request))], ApiJsonContext.Default.ListAttachmentView)));
    }

    private static AttachmentView View(SandboxState state, AttachmentRecord attachment, HttpRequest request)
    {
        // Heroku's variant: "Accept-Inclusion: addon:plan" adds the add-on's plan (the schema's addon has no other keys).
        var withPlan = request.Headers["Accept-Inclusion"].Any(v => v?.Contains("addon:plan", StringComparison.Ordinal) == true);
        var app = state.FindApp(attachment.AppId);
        var addon = state.FindAddon(attachment.AddonId);
        var owner = state.FindApp(addon.AppId);
        return new AttachmentView(
            Addon: new AttachedAddonRef(addon.Id, addon.Name, new NamedRef(owner.Id, owner.Name), withPlan ? new NamedRef(Fixed.StableId("plan:" + addon.Plan), addon.Plan) : null),
            App: new NamedRef(app.Id, app.Name),
            CreatedAt: ApiResults.Time(attachment.CreatedAt),
            Id: attachment.Id,
            Name: attachment.Name,
            Namespace: null,
            UpdatedAt: ApiResults.Time(attachment.CreatedAt),
            WebUrl: AddonsApi.WebUrl(addon),
            LogInputUrl: null,
            ConfigVars: [attachment.Name + "_URL"]);
    }
}

// Plan and ConfigVars are what the official CLI asks for with "Accept-Inclusion: addon:plan,config_vars" (pg:*
// commands read them); config_vars is always there, the plan only when asked for.
public sealed record AttachedAddonRef(
    string Id,
    string Name,
    NamedRef App,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NamedRef? Plan);

public sealed record AttachmentView(
    AttachedAddonRef Addon,
    NamedRef App,
    string CreatedAt,
    string Id,
    string Name,
    string? Namespace,
    string UpdatedAt,
    string? WebUrl,
    string? LogInputUrl,
    List<string> ConfigVars);
