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
        routes.MapGet("/apps/{app}/addon-attachments", (string app) => state.Locked(() =>
            ApiResults.Json([.. state.Attachments(app).Select(a => View(state, a))], ApiJsonContext.Default.ListAttachmentView)));

        routes.MapGet("/addon-attachments", () => state.Locked(() =>
            ApiResults.Json([.. state.AllAttachments().Select(a => View(state, a))], ApiJsonContext.Default.ListAttachmentView)));

        routes.MapPost("/actions/addon-attachments/resolve", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request);
            var matches = state.ResolveAttachments(body.RequiredString("addon_attachment"), body.String("app"), body.String("addon_service"));
            return state.Locked(() => ApiResults.Json([.. matches.Select(a => View(state, a))], ApiJsonContext.Default.ListAttachmentView));
        });

        routes.MapGet("/addon-attachments/{attachment}", (string attachment) => state.Locked(() =>
            ApiResults.Json(View(state, state.FindAttachment(attachment)), ApiJsonContext.Default.AttachmentView)));

        routes.MapGet("/addons/{addon}/addon-attachments", (string addon) => state.Locked(() =>
            ApiResults.Json([.. state.AttachmentsOf(state.FindAddon(addon)).Select(a => View(state, a))], ApiJsonContext.Default.ListAttachmentView)));
    }

    private static AttachmentView View(SandboxState state, AttachmentRecord attachment)
    {
        var app = state.FindApp(attachment.AppId);
        var addon = state.FindAddon(attachment.AddonId);
        var owner = state.FindApp(addon.AppId);
        return new AttachmentView(
            Addon: new AttachedAddonRef(addon.Id, addon.Name, new NamedRef(owner.Id, owner.Name), new NamedRef(Fixed.StableId("plan:" + addon.Plan), addon.Plan)),
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
// commands read them); the sandbox always includes them.
public sealed record AttachedAddonRef(string Id, string Name, NamedRef App, NamedRef Plan);

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
