namespace HerokuTools.Sandbox.State;

public sealed partial class SandboxState
{
    public const string DefaultDynoSize = "Basic";

    public IReadOnlyList<FormationRecord> Formation(string appIdOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return [.. _data.Formation.Where(f => f.AppId == app.Id).OrderBy(f => f.Type, StringComparer.Ordinal)];
        }
    }

    public FormationRecord FindFormation(string appIdOrName, string idOrType)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return _data.Formation.Find(f => f.AppId == app.Id && (f.Id == idOrType || f.Type == idOrType))
                ?? throw ApiException.NotFound("Couldn't find that formation.");
        }
    }

    /// <summary>Scales or resizes process types; all updates are checked before any is applied.</summary>
    public IReadOnlyList<FormationRecord> UpdateFormation(string appIdOrName, IReadOnlyList<FormationUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var targets = updates.Select(u => (Update: u, Formation: FindFormation(app.Id, u.Type))).ToList();
            foreach (var (update, _) in targets)
            {
                if (update.Quantity is < 0)
                {
                    throw ApiException.InvalidParams("Quantity must be zero or more.");
                }
            }

            var now = Now();
            foreach (var (update, formation) in targets)
            {
                formation.Quantity = update.Quantity ?? formation.Quantity;
                formation.Size = update.Size ?? formation.Size;
                formation.UpdatedAt = now;
            }

            Save();
            ApiLogLine?.Invoke(app.Name, "Scaled to " + string.Join(", ", targets.Select(t => $"{t.Formation.Type}@{t.Formation.Quantity}:{t.Formation.Size}"))
                + $" by user {AccountEmail}");
            return [.. targets.Select(t => t.Formation)];
        }
    }

    private void SyncFormation(AppRecord app, SlugRecord slug)
    {
        var now = Now();
        foreach (var (type, command) in slug.ProcessTypes)
        {
            var existing = _data.Formation.Find(f => f.AppId == app.Id && f.Type == type);
            if (existing is null)
            {
                _data.Formation.Add(new FormationRecord
                {
                    Id = NewId(),
                    AppId = app.Id,
                    Type = type,
                    Command = command,
                    Quantity = type == "web" ? 1 : 0,
                    Size = DefaultDynoSize,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
            else if (existing.Command != command)
            {
                existing.Command = command;
                existing.UpdatedAt = now;
            }
        }
    }
}

/// <param name="Type">The process type (or formation id).</param>
/// <param name="Quantity">New quantity, or null to keep it.</param>
/// <param name="Size">New dyno size, or null to keep it.</param>
public sealed record FormationUpdate(string Type, int? Quantity, string? Size);
