using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>Add-on attachments: by app, and by id.</summary>
internal static class AddonAttachmentsApi
{
    public static void MapAddonAttachments(this IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/apps/{app}/addon-attachments", (string app) => state.Locked(() =>
            ApiResults.Json([.. state.Attachments(app).Select(a => View(state, a))], ApiJsonContext.Default.ListAttachmentView)));

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
            Addon: new AttachedAddonRef(addon.Id, addon.Name, new NamedRef(owner.Id, owner.Name)),
            App: new NamedRef(app.Id, app.Name),
            CreatedAt: ApiResults.Time(attachment.CreatedAt),
            Id: attachment.Id,
            Name: attachment.Name,
            Namespace: null,
            UpdatedAt: ApiResults.Time(attachment.CreatedAt),
            WebUrl: AddonsApi.WebUrl(addon),
            LogInputUrl: null);
    }
}

public sealed record AttachedAddonRef(string Id, string Name, NamedRef App);

public sealed record AttachmentView(
    AttachedAddonRef Addon,
    NamedRef App,
    string CreatedAt,
    string Id,
    string Name,
    string? Namespace,
    string UpdatedAt,
    string? WebUrl,
    string? LogInputUrl);
