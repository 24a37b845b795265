using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>
/// <c>config:</c> the config-vars files. <c>dir</c> (default <c>config</c>), <c>required</c> (a list of keys for
/// every environment, or a mapping of environment label, or <c>common</c>, to keys) and
/// <c>expected_differences</c> (keys meant to differ between environments). All optional.
/// </summary>
internal sealed class ConfigSection : IWorkflowSection
{
    public const string Dir = "dir";
    public const string Required = "required";
    public const string ExpectedDifferences = "expected_differences";

    public string Key => "config";

    bool IWorkflowSection.Required => false;

    public IReadOnlyList<string> KnownKeys { get; } = [Dir, Required, ExpectedDifferences];

    public void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft)
    {
        if (section.Value is SourceScalar { IsNull: true })
        {
            return;
        }

        if (section.Value is not SourceMapping mapping)
        {
            context.Error(section.Value, $"'config' must be a mapping ({string.Join(", ", KnownKeys)}), found {section.Value.Kind}");
            return;
        }

        var keys = context.Keys(mapping, KnownKeys, "in 'config'");
        var settings = ConfigVarsSettings.Default;
        if (keys.TryGetValue(Dir, out var dir) && context.String(dir) is { } directory)
        {
            settings = settings with { Directory = directory };
        }

        if (keys.TryGetValue(Required, out var required))
        {
            settings = ReadRequired(required, context, draft, settings);
        }

        if (keys.TryGetValue(ExpectedDifferences, out var expected))
        {
            settings = settings with { ExpectedDifferences = KeyList(expected, context) };
        }

        draft.ConfigVars = settings;
    }

    private static ConfigVarsSettings ReadRequired(SourceEntry entry, WorkflowReadContext context, WorkflowDraft draft, ConfigVarsSettings settings)
    {
        if (entry.Value is not SourceMapping byEnvironment)
        {
            return settings with { Required = KeyList(entry, context) };
        }

        var labels = draft.Environments.Select(e => e.Label).Prepend(ConfigVarsSettings.Common).ToList();
        var common = new List<string>();
        var own = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in byEnvironment.Entries)
        {
            if (item.Key is not SourceScalar { IsNull: false } key)
            {
                context.Error(item.Key, $"a key must be an environment label, found {item.Key.Kind}");
                continue;
            }

            if (!labels.Contains(key.Value, StringComparer.Ordinal))
            {
                // Unknown labels are only certain when every environment could be read.
                if (draft.Environments.Count > 0)
                {
                    var suggestion = DidYouMean.Suggest(key.Value, labels);
                    var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
                    context.Error(key, $"'{key.Value}' in 'config.required' is not an environment (known: {string.Join(", ", labels)}){hint}");
                }

                continue;
            }

            if (own.ContainsKey(key.Value) || (key.Value == ConfigVarsSettings.Common && common.Count > 0))
            {
                context.Error(key, $"duplicate key '{key.Value}' in 'config.required'");
                continue;
            }

            var list = KeyList(item, context);
            if (key.Value == ConfigVarsSettings.Common)
            {
                common.AddRange(list);
            }
            else
            {
                own[key.Value] = list;
            }
        }

        return settings with { Required = common, RequiredByEnvironment = own };
    }

    /// <summary>A list of config var names; problems reported.</summary>
    private static List<string> KeyList(SourceEntry entry, WorkflowReadContext context)
    {
        var items = entry.Value switch
        {
            SourceSequence sequence => sequence.Items,
            SourceScalar { IsNull: true } => [],
            _ => null,
        };
        if (items is null)
        {
            context.Error(entry.Value, $"'{entry.Name}' must be a list of config var names, found {entry.Value.Kind}");
            return [];
        }

        var keys = new List<string>();
        foreach (var item in items)
        {
            if (item is not SourceScalar { IsNull: false } name)
            {
                context.Error(item, $"'{entry.Name}' must list config var names, found {item.Kind}");
            }
            else if (!ConfigVarName.IsValid(name.Value))
            {
                context.Error(item, $"'{name.Value}' is not a config var name ({ConfigVarName.Rule})");
            }
            else if (!keys.Contains(name.Value, StringComparer.Ordinal))
            {
                keys.Add(name.Value);
            }
        }

        return keys;
    }
}
