using System.Globalization;

namespace HerokuTools.Sandbox.State;

public sealed partial class SandboxState
{
    public IReadOnlyDictionary<string, string> ConfigVars(string app)
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(FindApp(app).ConfigVars, StringComparer.Ordinal);
        }
    }

    /// <summary>Merges <paramref name="changes"/> (null deletes) and makes a release when anything changed.</summary>
    public IReadOnlyDictionary<string, string> UpdateConfigVars(string appIdOrName, IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var set = new List<string>();
            var removed = new List<string>();
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    if (app.ConfigVars.Remove(key))
                    {
                        removed.Add(key);
                    }
                }
                else if (!app.ConfigVars.TryGetValue(key, out var old) || old != value)
                {
                    app.ConfigVars[key] = value;
                    set.Add(key);
                }
            }

            if (set.Count > 0 || removed.Count > 0)
            {
                var parts = new List<string>();
                if (set.Count > 0)
                {
                    parts.Add($"Set {string.Join(", ", set)} config vars");
                }

                if (removed.Count > 0)
                {
                    parts.Add($"Remove {string.Join(", ", removed)} config vars");
                }

                AddRelease(app, string.Join(" and ", parts), CurrentRelease(app)?.SlugId, "succeeded");
                Save();
            }

            return new Dictionary<string, string>(app.ConfigVars, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<ReleaseRecord> Releases(string appIdOrName)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            return [.. _data.Releases.Where(r => r.AppId == app.Id).OrderBy(r => r.Version)];
        }
    }

    public ReleaseRecord FindRelease(string appIdOrName, string idOrVersion)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var byVersion = int.TryParse(idOrVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version);
            return _data.Releases.Find(r => r.AppId == app.Id && (r.Id == idOrVersion || (byVersion && r.Version == version)))
                ?? throw ApiException.NotFound("Couldn't find that release.");
        }
    }

    /// <summary>The app's newest succeeded release (Heroku's "current").</summary>
    public ReleaseRecord? CurrentRelease(AppRecord app)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (_gate)
        {
            return _data.Releases.Where(r => r.AppId == app.Id && r.Status == "succeeded").MaxBy(r => r.Version);
        }
    }

    /// <summary>A new release with the slug and config vars of an earlier one: "Rollback to vN".</summary>
    public ReleaseRecord Rollback(string appIdOrName, string idOrVersion)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var target = FindRelease(app.Id, idOrVersion);
            app.ConfigVars.Clear();
            foreach (var (key, value) in target.ConfigVars)
            {
                app.ConfigVars[key] = value;
            }

            var release = AddRelease(app, $"Rollback to v{target.Version}", target.SlugId, "succeeded");
            Save();
            return release;
        }
    }

    /// <summary>
    /// Records a build of <paramref name="commit"/> as a slug and releases it (the git push path). Process types
    /// new to the app get a formation entry (web at 1, others at 0). Pass status "pending" while a release phase runs,
    /// then call <see cref="SetReleaseStatus"/>.
    /// </summary>
    public ReleaseRecord CreateSlugRelease(
        string appIdOrName,
        string commit,
        IReadOnlyDictionary<string, string> processTypes,
        string description,
        string status = "succeeded")
    {
        ArgumentNullException.ThrowIfNull(processTypes);
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            var now = Now();
            var slug = new SlugRecord
            {
                Id = NewId(),
                AppId = app.Id,
                Commit = commit,
                CommitDescription = description,
                ProcessTypes = new Dictionary<string, string>(processTypes, StringComparer.Ordinal),
                CreatedAt = now,
            };
            _data.Slugs.Add(slug);
            SyncFormation(app, slug);
            var release = AddRelease(app, description, slug.Id, status);
            Save();
            return release;
        }
    }

    /// <summary>Marks a release succeeded or failed (the end of its release phase).</summary>
    public ReleaseRecord SetReleaseStatus(string appIdOrName, string releaseIdOrVersion, bool succeeded)
    {
        lock (_gate)
        {
            var release = FindRelease(appIdOrName, releaseIdOrVersion);
            release.Status = succeeded ? "succeeded" : "failed";
            release.UpdatedAt = Now();
            if (succeeded)
            {
                FindApp(appIdOrName).ReleasedAt = release.UpdatedAt;
            }

            Save();
            return release;
        }
    }

    public SlugRecord FindSlug(string appIdOrName, string slugId)
    {
        lock (_gate)
        {
            var app = FindApp(appIdOrName);
            // Promotions share slugs between apps: a slug belongs to its app and to every app that released it.
            return _data.Slugs.Find(s => s.Id == slugId
                    && (s.AppId == app.Id || _data.Releases.Exists(r => r.AppId == app.Id && r.SlugId == s.Id)))
                ?? throw ApiException.NotFound("Couldn't find that slug.");
        }
    }

    internal SlugRecord? SlugOf(ReleaseRecord release) =>
        release.SlugId is null ? null : Locked(() => _data.Slugs.Find(s => s.Id == release.SlugId));

    private ReleaseRecord AddRelease(AppRecord app, string description, string? slugId, string status)
    {
        var now = Now();
        var version = _data.Releases.Where(r => r.AppId == app.Id).Select(r => r.Version).DefaultIfEmpty(0).Max() + 1;
        var release = new ReleaseRecord
        {
            Id = NewId(),
            AppId = app.Id,
            Version = version,
            Description = description,
            SlugId = slugId,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            ConfigVars = new Dictionary<string, string>(app.ConfigVars, StringComparer.Ordinal),
            AddonPlanNames = [.. _data.Addons.Where(a => a.AppId == app.Id).Select(a => a.Plan)],
        };
        _data.Releases.Add(release);
        ApiLogLine?.Invoke(app.Name, $"{description} by user {AccountEmail}");
        ApiLogLine?.Invoke(app.Name, $"Release v{version} created by user {AccountEmail}");
        if (status == "succeeded")
        {
            app.ReleasedAt = now;
        }

        app.UpdatedAt = now;
        return release;
    }
}
