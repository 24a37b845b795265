using HerokuTools.Workflow;

namespace HerokuTools.ConfigVars;

/// <summary>
/// One environment's config as the files say: common.yml overridden by ENV.yml, key by key. An entry with a null
/// template means the key must not be set on the app.
/// </summary>
internal sealed class DesiredConfig(IReadOnlyDictionary<string, ConfigEntry> entries, IReadOnlyList<string> files)
{
    public IReadOnlyDictionary<string, ConfigEntry> Entries { get; } = entries;

    /// <summary>The files it was read from (display paths), common first.</summary>
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>
    /// Each key's value with <c>${NAME}</c> taken from <paramref name="environment"/> (null: must not be set).
    /// A reference to a variable that is not set is a problem at its key, naming the variable (never a value).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Resolve(IReadOnlyDictionary<string, string> environment, List<WorkflowDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, entry) in Entries)
        {
            if (entry.Template is null)
            {
                values[key] = null;
                continue;
            }

            var missing = new List<string>();
            values[key] = ValueTemplate.Resolve(entry.Template, name => environment.TryGetValue(name, out var v) ? v : null, missing);
            foreach (var name in missing)
            {
                problems.Add(new WorkflowDiagnostic(entry.Path, entry.At.Line, entry.At.Column,
                    $"'{key}' needs the environment variable {name}, which is not set"));
            }
        }

        return values;
    }

    /// <summary>The environment variables the entries refer to that <paramref name="environment"/> does not set, in name order.</summary>
    public IReadOnlyList<string> UnsetReferences(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Entries.Values.Where(e => e.Template is not null)
            .SelectMany(e => ValueTemplate.References(e.Template!))
            .Where(name => !environment.ContainsKey(name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Reads an environment's files into a <see cref="DesiredConfig"/>, checking the required keys.</summary>
internal static class DesiredConfigReader
{
    public static DesiredConfig Read(ConfigFiles files, string label, ConfigVarsSettings settings, List<WorkflowDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(problems);
        var entries = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        var read = new List<string>();
        if (File.Exists(files.CommonPath))
        {
            var display = files.Display(files.CommonPath);
            read.Add(display);
            foreach (var entry in ConfigFileReader.Read(files.CommonPath, display, problems))
            {
                entries[entry.Key] = entry;
            }
        }

        var path = files.EnvironmentPath(label);
        var envDisplay = files.Display(path);
        if (!File.Exists(path))
        {
            problems.Add(new WorkflowDiagnostic(envDisplay, 1, 1,
                $"no such file; write it from the app with 'heroku-tools config pull {label}'"));
            return new DesiredConfig(entries, read);
        }

        read.Add(envDisplay);
        foreach (var entry in ConfigFileReader.Read(path, envDisplay, problems))
        {
            entries[entry.Key] = entry;
        }

        foreach (var key in settings.RequiredFor(label))
        {
            if (!entries.TryGetValue(key, out var entry))
            {
                problems.Add(new WorkflowDiagnostic(envDisplay, 1, 1, $"required key '{key}' is not set (config.required in heroku-tools.yml)"));
            }
            else if (entry.Template is null)
            {
                problems.Add(new WorkflowDiagnostic(entry.Path, entry.At.Line, entry.At.Column,
                    $"required key '{key}' is set to null (config.required in heroku-tools.yml)"));
            }
        }

        return new DesiredConfig(entries, read);
    }
}
