using System.Security.Cryptography;

namespace HerokuTools.Sandbox.State;

public sealed partial class SandboxState
{
    public const string PostgresService = "heroku-postgresql";
    public const string DefaultPostgresPlan = "heroku-postgresql:essential-0";

    private static readonly string[] AddonWords = ["shaped", "curly", "rigid", "clear", "silent", "round", "sharp", "amorphous"];
    private static readonly string[] AttachmentColors = ["AMBER", "BLUE", "COBALT", "CRIMSON", "GOLD", "GREEN", "ONYX", "PURPLE"];

    public IReadOnlyList<AddonRecord> Addons(string appIdOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return [.. _data.Addons.Where(a => a.AppId == app.Id).OrderBy(a => a.CreatedAt)];
        }
    }

    public AddonRecord FindAddon(string idOrName)
    {
        lock (_gate)
        {
            return _data.Addons.Find(a => a.Id == idOrName || a.Name == idOrName)
                ?? throw ApiException.NotFound("Couldn't find that add-on.");
        }
    }

    public AddonRecord FindAddon(string appIdOrName, string idOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return _data.Addons.Find(a => a.AppId == app.Id && (a.Id == idOrName || a.Name == idOrName))
                ?? throw ApiException.NotFound("Couldn't find that add-on.");
        }
    }

    /// <summary>Checks an add-on request and picks its names, before anything is provisioned.</summary>
    public AddonRequest PlanAddon(string appIdOrName, string plan, string? attachmentName)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var fullPlan = plan == PostgresService ? DefaultPostgresPlan : plan;
            if (!fullPlan.StartsWith(PostgresService + ":", StringComparison.Ordinal))
            {
                throw ApiException.NotFound($"Couldn't find either the add-on service or the add-on plan of \"{plan}\".");
            }

            var taken = _data.Attachments.Where(a => a.AppId == app.Id).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            var attachment = attachmentName ?? (taken.Contains("DATABASE")
                ? AttachmentColors.Select(c => "HEROKU_POSTGRESQL_" + c).First(n => !taken.Contains(n))
                : "DATABASE");
            if (taken.Contains(attachment))
            {
                throw ApiException.InvalidParams($"{attachment} is already taken on {app.Name}.");
            }

            string name;
            do
            {
                name = $"postgresql-{AddonWords[RandomNumberGenerator.GetInt32(AddonWords.Length)]}-{RandomNumberGenerator.GetInt32(10000, 100000)}";
            }
            while (_data.Addons.Exists(a => a.Name == name));

            return new AddonRequest(app.Id, name, fullPlan, attachment);
        }
    }

    /// <summary>Records a provisioned add-on: the add-on, its attachment, ATTACHMENT_URL and the "Attach" release.</summary>
    public AddonRecord AddAddon(AddonRequest request, string url)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var app = FindApp(request.AppId);
            var now = Now();
            var variable = request.AttachmentName + "_URL";
            var addon = new AddonRecord
            {
                Id = NewId(),
                AppId = app.Id,
                Name = request.Name,
                Service = PostgresService,
                Plan = request.Plan,
                ConfigVars = [variable],
                CreatedAt = now,
                UpdatedAt = now,
            };
            _data.Addons.Add(addon);
            _data.Attachments.Add(new AttachmentRecord
            {
                Id = NewId(),
                AddonId = addon.Id,
                AppId = app.Id,
                Name = request.AttachmentName,
                CreatedAt = now,
            });
            app.ConfigVars[variable] = url;
            AddRelease(app, $"Attach {request.AttachmentName} (@ref:{addon.Name})", CurrentRelease(app)?.SlugId, "succeeded");
            Save();
            return addon;
        }
    }

    /// <summary>Removes an add-on, its attachments and their config vars ("Detach" release).</summary>
    public AddonRecord RemoveAddon(string appIdOrName, string idOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var addon = FindAddon(app.Id, idOrName);
            var attachments = _data.Attachments.Where(a => a.AddonId == addon.Id).ToList();
            _data.Addons.Remove(addon);
            _data.Attachments.RemoveAll(a => a.AddonId == addon.Id);
            foreach (var attachment in attachments)
            {
                app.ConfigVars.Remove(attachment.Name + "_URL");
                if (attachment.AppId == app.Id)
                {
                    AddRelease(app, $"Detach {attachment.Name} (@ref:{addon.Name})", CurrentRelease(app)?.SlugId, "succeeded");
                }
            }

            Save();
            return addon;
        }
    }

    public IReadOnlyList<AttachmentRecord> Attachments(string appIdOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return [.. _data.Attachments.Where(a => a.AppId == app.Id).OrderBy(a => a.CreatedAt)];
        }
    }

    public IReadOnlyList<AttachmentRecord> AttachmentsOf(AddonRecord addon)
    {
        ArgumentNullException.ThrowIfNull(addon);
        lock (_gate)
        {
            return [.. _data.Attachments.Where(a => a.AddonId == addon.Id)];
        }
    }

    public AttachmentRecord FindAttachment(string id)
    {
        lock (_gate)
        {
            return _data.Attachments.Find(a => a.Id == id)
                ?? throw ApiException.NotFound("Couldn't find that add-on attachment.");
        }
    }
}

/// <summary>An add-on about to be provisioned: the app, its generated name, the full plan name and the attachment name.</summary>
public sealed record AddonRequest(string AppId, string Name, string Plan, string AttachmentName);
