namespace HerokuTools.Sandbox.State;

/// <summary>
/// Every add-on and attachment, and the resolution actions the official CLI uses to turn what a user typed
/// (<c>postgresql-curly-12345</c>, <c>DATABASE</c>, <c>myapp::DATABASE</c>, <c>heroku-postgresql</c>) into records.
/// </summary>
public sealed partial class SandboxState
{
    public IReadOnlyList<AddonRecord> AllAddons()
    {
        lock (_gate)
        {
            return [.. _data.Addons.OrderBy(a => a.CreatedAt)];
        }
    }

    public IReadOnlyList<AttachmentRecord> AllAttachments()
    {
        lock (_gate)
        {
            return [.. _data.Attachments.OrderBy(a => a.CreatedAt)];
        }
    }

    /// <summary>The add-ons an identity names: an add-on's id or name, an attachment name on the app, <c>app::ATTACHMENT</c>,
    /// or a service name on the app; optionally of one service. 404 when none.</summary>
    public IReadOnlyList<AddonRecord> ResolveAddons(string identity, string? appIdOrName, string? service)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_gate)
        {
            var byAttachment = ResolveAttachmentsLocked(identity, appIdOrName)
                .Select(a => _data.Addons.Find(addon => addon.Id == a.AddonId)!);
            var app = appIdOrName is null ? null : FindApp(appIdOrName);
            var direct = _data.Addons.Where(a => a.Id == identity || a.Name == identity
                || (app is not null && a.AppId == app.Id && a.Service == identity));
            var matches = direct.Concat(byAttachment).Where(a => service is null || a.Service == service).Distinct().ToList();
            return matches.Count > 0 ? matches : throw ApiException.NotFound("Couldn't find that add-on.");
        }
    }

    /// <summary>The attachments an identity names: an attachment's id, its name on the app, or <c>app::NAME</c>;
    /// optionally of one service. 404 when none.</summary>
    public IReadOnlyList<AttachmentRecord> ResolveAttachments(string identity, string? appIdOrName, string? service)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_gate)
        {
            var matches = ResolveAttachmentsLocked(identity, appIdOrName)
                .Where(a => service is null || _data.Addons.Exists(addon => addon.Id == a.AddonId && addon.Service == service))
                .ToList();
            return matches.Count > 0 ? matches : throw ApiException.NotFound("Couldn't find that add-on attachment.");
        }
    }

    private List<AttachmentRecord> ResolveAttachmentsLocked(string identity, string? appIdOrName)
    {
        var separator = identity.IndexOf("::", StringComparison.Ordinal);
        if (separator >= 0)
        {
            var owner = _data.Apps.Find(a => a.Name == identity[..separator]);
            var name = identity[(separator + 2)..];
            return owner is null ? [] : [.. _data.Attachments.Where(a => a.AppId == owner.Id && NameMatches(a, name))];
        }

        var app = appIdOrName is null ? null : FindApp(appIdOrName);
        return [.. _data.Attachments.Where(a => a.Id == identity || (app is not null && a.AppId == app.Id && NameMatches(a, identity)))];
    }

    // Attachment names are upper case; users type "database" or "DATABASE_URL" as often as "DATABASE".
    private static bool NameMatches(AttachmentRecord attachment, string name) =>
        string.Equals(attachment.Name, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(attachment.Name + "_URL", name, StringComparison.OrdinalIgnoreCase);
}
