using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace HerokuTools.Sandbox.State;

/// <summary>
/// The sandbox's Heroku: apps, config vars, releases, slugs, formation, add-ons and pipelines, in memory behind one
/// lock and saved to state.json after every change. Methods throw <see cref="ApiException"/> for what a client did wrong.
/// </summary>
public sealed partial class SandboxState
{
    public const string AccountId = "5b3c1c3e-2f4a-4d6b-9a8e-000000000001";
    public const string AccountEmail = "sandbox@heroku-tools.local";

    private readonly Lock _gate = new();
    private readonly StateFile _file;
    private readonly StateData _data;
    private readonly TimeProvider _time;

    internal SandboxState(string directory, TimeProvider time)
    {
        _file = new StateFile(directory);
        _data = _file.Load();
        _time = time;
        Directory = directory;
    }

    /// <summary>
    /// Receives the platform's own log lines for an app (<c>app[api]: Release v3 created by user ...</c>), as Heroku's
    /// log router shows them; called under the state's lock, so it must not call back into the state.
    /// </summary>
    public Action<string, string>? ApiLogLine { get; set; }

    /// <summary>The state directory.</summary>
    public string Directory { get; }

    /// <summary>Runs <paramref name="read"/> under the state's lock (for consistent views of several records).</summary>
    public T Locked<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read();
        }
    }

    internal DateTimeOffset Now() => _time.GetUtcNow();

    private static string NewId() => Guid.NewGuid().ToString();

    private void Save() => _file.Save(_data);

    // ---- apps ----------------------------------------------------------------------------------------------------

    public IReadOnlyList<AppRecord> Apps()
    {
        lock (_gate)
        {
            return [.. _data.Apps.OrderBy(a => a.Name, StringComparer.Ordinal)];
        }
    }

    public AppRecord FindApp(string idOrName)
    {
        lock (_gate)
        {
            return _data.Apps.Find(a => a.Id == idOrName || a.Name == idOrName)
                ?? throw ApiException.NotFound("Couldn't find that app.");
        }
    }

    public AppRecord CreateApp(string? name)
    {
        lock (_gate)
        {
            name ??= GenerateAppName();
            CheckAppName(name);
            var now = Now();
            var app = new AppRecord { Id = NewId(), Name = name, CreatedAt = now, UpdatedAt = now };
            _data.Apps.Add(app);
            AddRelease(app, "Initial release", slugId: null, "succeeded");
            Save();
            return app;
        }
    }

    public AppRecord UpdateApp(string idOrName, string? newName, bool? maintenance)
    {
        lock (_gate)
        {
            var app = FindApp(idOrName);
            if (newName is not null && newName != app.Name)
            {
                CheckAppName(newName);
                app.Name = newName;
            }

            if (maintenance is { } on)
            {
                app.Maintenance = on;
            }

            app.UpdatedAt = Now();
            Save();
            return app;
        }
    }

    /// <summary>Deletes an app and everything that belongs to it; returns it with the add-ons whose databases must go.</summary>
    public (AppRecord App, IReadOnlyList<AddonRecord> Addons) DeleteApp(string idOrName)
    {
        lock (_gate)
        {
            var app = FindApp(idOrName);
            var addons = _data.Addons.Where(a => a.AppId == app.Id).ToList();
            _data.Apps.Remove(app);
            _data.Releases.RemoveAll(r => r.AppId == app.Id);
            _data.Slugs.RemoveAll(s => s.AppId == app.Id && !_data.Releases.Exists(r => r.SlugId == s.Id));
            _data.Formation.RemoveAll(f => f.AppId == app.Id);
            _data.Addons.RemoveAll(a => a.AppId == app.Id);
            _data.Attachments.RemoveAll(a => a.AppId == app.Id || addons.Exists(x => x.Id == a.AddonId));
            _data.Couplings.RemoveAll(c => c.AppId == app.Id);
            Save();
            return (app, addons);
        }
    }

    private void CheckAppName(string name)
    {
        if (!AppNamePattern().IsMatch(name))
        {
            throw ApiException.InvalidParams(
                "Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.");
        }

        if (_data.Apps.Exists(a => a.Name == name))
        {
            throw ApiException.InvalidParams("Name is already taken");
        }
    }

    private string GenerateAppName()
    {
        while (true)
        {
            var letters = new string([.. Enumerable.Range(0, 4).Select(_ => (char)('a' + RandomNumberGenerator.GetInt32(26)))]);
            var name = $"sandbox-{letters}-{RandomNumberGenerator.GetInt32(10000, 100000)}";
            if (!_data.Apps.Exists(a => a.Name == name))
            {
                return name;
            }
        }
    }

    // Heroku's rule, plus underscores: our users' seed configs have names like my_app_2.
    [GeneratedRegex("^[a-z][a-z0-9_-]{1,28}[a-z0-9]$")]
    private static partial Regex AppNamePattern();
}
