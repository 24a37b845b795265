namespace HerokuTools.ConfigVars;

/// <summary>
/// What <c>config pull</c> writes to ENV.yml so that, with common.yml, the files say what the app has: add-on
/// vars left out, keys common.yml already gives left out, keys common.yml sets but the app lacks written as null.
/// A value that uses <c>${NAME}</c> is never replaced by the secret it stands for; it is kept, with a note.
/// </summary>
internal sealed record ConfigPullPlan(IReadOnlyList<TargetEntry> Target, IReadOnlyList<string> Notes, int ManagedLeftOut)
{
    /// <param name="app">The app's config.</param>
    /// <param name="common">common.yml's entries (empty when there is none).</param>
    /// <param name="commonValues">common.yml resolved (a key is missing when a reference could not be resolved).</param>
    /// <param name="existing">The ENV.yml being updated, in file order; null for a new file.</param>
    public static ConfigPullPlan Make(
        AppConfig app,
        IReadOnlyDictionary<string, ConfigEntry> common,
        IReadOnlyDictionary<string, string?> commonValues,
        IReadOnlyList<ConfigEntry>? existing)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(commonValues);
        var notes = new List<string>();
        var target = new List<TargetEntry>();
        var own = (existing ?? []).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var managedLeftOut = app.Values.Keys.Count(app.IsManaged);

        foreach (var entry in existing ?? [])
        {
            if (app.IsManaged(entry.Key))
            {
                notes.Add($"{entry.Key}: managed by {app.Managed[entry.Key]}; removed from the file");
                continue;
            }

            var onApp = app.Values.TryGetValue(entry.Key, out var value);
            if (entry.Template is not null && ValueTemplate.References(entry.Template).Count > 0)
            {
                notes.Add($"{entry.Key}: kept as written (it uses ${{{string.Join("}, ${", ValueTemplate.References(entry.Template))}}}){(onApp ? "" : "; it is not on the app")}");
                target.Add(new TargetEntry(entry.Key, entry.Template));
            }
            else if (!onApp)
            {
                if (entry.Template is null || CommonSets(common, entry.Key))
                {
                    target.Add(new TargetEntry(entry.Key, null));
                }
            }
            else
            {
                var unchanged = entry.Template is not null && ValueTemplate.Resolve(entry.Template, _ => null, []) == value;
                target.Add(new TargetEntry(entry.Key, unchanged ? entry.Template : ValueTemplate.Escape(value!)));
            }
        }

        var added = new List<TargetEntry>();
        foreach (var (key, value) in app.Values)
        {
            if (app.IsManaged(key) || own.ContainsKey(key))
            {
                continue;
            }

            if (common.TryGetValue(key, out var shared) && shared.Template is not null)
            {
                if (!commonValues.TryGetValue(key, out var sharedValue) || ValueTemplate.References(shared.Template).Count > 0 && sharedValue != value)
                {
                    notes.Add($"{key}: left to {shared.Path} (it uses ${{...}}); compare with 'config diff'");
                    continue;
                }

                if (sharedValue == value)
                {
                    continue;
                }
            }

            added.Add(new TargetEntry(key, ValueTemplate.Escape(value)));
        }

        foreach (var (key, shared) in common)
        {
            if (shared.Template is not null && !app.Values.ContainsKey(key) && !app.IsManaged(key) && !own.ContainsKey(key))
            {
                added.Add(new TargetEntry(key, null));
            }
        }

        target.AddRange(added.OrderBy(e => e.Key, StringComparer.Ordinal));
        return new ConfigPullPlan(target, notes, managedLeftOut);
    }

    private static bool CommonSets(IReadOnlyDictionary<string, ConfigEntry> common, string key) =>
        common.TryGetValue(key, out var shared) && shared.Template is not null;
}
