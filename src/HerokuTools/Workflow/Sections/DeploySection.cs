using HerokuTools.Deploy;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>
/// <c>deploy:</c> how deploys behave: trigger globs, maintenance policy, post-deploy commands, release notes, tag,
/// notifications. Everything is optional; what is missing keeps its default (<see cref="DeploySettings"/>).
/// </summary>
internal sealed class DeploySection : IWorkflowSection
{
    public const string Triggers = "triggers";
    public const string Maintenance = "maintenance";
    public const string OnFailure = "on_failure";
    public const string PostDeploy = "post_deploy";
    public const string ReleaseNotes = "release_notes";
    public const string Tag = "tag";
    public const string PushTags = "push_tags";
    public const string Notify = "notify";

    private static readonly string[] TriggerKeys = ["migrate", "collectstatic"];
    private static readonly string[] NotifyKeys = ["slack", "webhook"];

    public string Key => "deploy";

    public bool Required => false;

    public IReadOnlyList<string> KnownKeys { get; } = [Triggers, Maintenance, OnFailure, PostDeploy, ReleaseNotes, Tag, PushTags, Notify];

    public void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft)
    {
        if (section.Value is SourceScalar { IsNull: true })
        {
            return;
        }

        if (section.Value is not SourceMapping mapping)
        {
            context.Error(section.Value, $"'deploy' must be a mapping ({string.Join(", ", KnownKeys)}), found {section.Value.Kind}");
            return;
        }

        var keys = context.Keys(mapping, KnownKeys, "in 'deploy'");
        var settings = DeploySettings.Default;
        if (keys.TryGetValue(Triggers, out var triggers))
        {
            settings = ReadTriggers(triggers, context, settings);
        }

        if (keys.TryGetValue(Maintenance, out var maintenance) && Choice(maintenance, context, ["auto", "always", "never"]) is { } m)
        {
            settings = settings with { Maintenance = m switch { "always" => MaintenancePolicy.Always, "never" => MaintenancePolicy.Never, _ => MaintenancePolicy.Auto } };
        }

        if (keys.TryGetValue(OnFailure, out var onFailure) && Choice(onFailure, context, ["maintenance_off", "keep_maintenance"]) is { } f)
        {
            settings = settings with { OnFailure = f == "keep_maintenance" ? FailurePolicy.KeepMaintenance : FailurePolicy.MaintenanceOff };
        }

        if (keys.TryGetValue(PostDeploy, out var postDeploy) && Commands(postDeploy, context) is { } commands)
        {
            settings = settings with { PostDeploy = commands };
        }

        if (keys.TryGetValue(ReleaseNotes, out var notes))
        {
            settings = settings with { ReleaseNotes = OffOrString(notes, context) ?? settings.ReleaseNotes };
        }

        if (keys.TryGetValue(Tag, out var tag))
        {
            settings = settings with { Tag = OffOrString(tag, context) ?? settings.Tag };
        }

        if (keys.TryGetValue(PushTags, out var pushTags) && context.Boolean(pushTags) is { } push)
        {
            settings = settings with { PushTags = push };
        }

        if (keys.TryGetValue(Notify, out var notify))
        {
            settings = settings with { Notify = ReadNotify(notify, context) };
        }

        draft.Deploy = settings;
    }

    private static DeploySettings ReadTriggers(SourceEntry entry, WorkflowReadContext context, DeploySettings settings)
    {
        if (entry.Value is not SourceMapping mapping)
        {
            context.Error(entry.Value, $"'triggers' must be a mapping (migrate, collectstatic), found {entry.Value.Kind}");
            return settings;
        }

        var keys = context.Keys(mapping, TriggerKeys, "in 'deploy.triggers'");
        if (keys.TryGetValue("migrate", out var migrate) && Strings(migrate, context) is { } m)
        {
            settings = settings with { MigrateTriggers = m };
        }

        if (keys.TryGetValue("collectstatic", out var collect) && Strings(collect, context) is { } c)
        {
            settings = settings with { CollectstaticTriggers = c };
        }

        return settings;
    }

    private static List<NotifyTarget> ReadNotify(SourceEntry entry, WorkflowReadContext context)
    {
        var targets = new List<NotifyTarget>();
        if (entry.Value is not SourceSequence list)
        {
            context.Error(entry.Value, $"'notify' must be a list of '- slack: ENV_VAR' or '- webhook: ENV_VAR', found {entry.Value.Kind}");
            return targets;
        }

        foreach (var item in list.Items)
        {
            if (item is not SourceMapping mapping || mapping.Entries.Count != 1)
            {
                context.Error(item, "a notify item is one of 'slack: ENV_VAR' or 'webhook: ENV_VAR' (the variable holding the URL)");
                continue;
            }

            var keys = context.Keys(mapping, NotifyKeys, "in a notify item");
            foreach (var (kind, value) in keys)
            {
                if (context.String(value) is not { } variable)
                {
                    continue;
                }

                if (variable.Contains("://", StringComparison.Ordinal) || !IsVariableName(variable))
                {
                    context.Error(value.Value, $"'{kind}' names the environment variable holding the URL (e.g. SLACK_WEBHOOK_URL), not the URL itself; keep secrets out of this file");
                    continue;
                }

                targets.Add(new NotifyTarget(kind == "slack" ? NotifyKind.Slack : NotifyKind.Webhook, variable));
            }
        }

        return targets;
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>A list of commands (a single string is refused: write it as a one-item list).</summary>
    private static List<string>? Commands(SourceEntry entry, WorkflowReadContext context)
    {
        if (entry.Value is SourceScalar { IsNull: false } scalar)
        {
            context.Error(scalar, $"'{entry.Name}' must be a list of commands, found a string (write it as a list: [{scalar.Value}])");
            return null;
        }

        return Strings(entry, context);
    }

    /// <summary>A string or a list of strings.</summary>
    private static List<string>? Strings(SourceEntry entry, WorkflowReadContext context)
    {
        if (entry.Value is SourceScalar { IsNull: false })
        {
            return context.String(entry) is { } one ? [one] : null;
        }

        if (entry.Value is not SourceSequence list)
        {
            context.Error(entry.Value, $"'{entry.Name}' must be a string or a list of strings, found {entry.Value.Kind}");
            return null;
        }

        var values = new List<string>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (item is SourceScalar { IsNull: false } s && !string.IsNullOrWhiteSpace(s.Value))
            {
                values.Add(s.Value);
            }
            else
            {
                context.Error(item, $"each item of '{entry.Name}' must be a non-empty string, found {item.Kind}");
                ok = false;
            }
        }

        return ok ? values : null;
    }

    /// <summary>false turns the feature off (empty string); otherwise a non-empty string (a path or template, not a number or true).</summary>
    private static string? OffOrString(SourceEntry entry, WorkflowReadContext context)
    {
        if (entry.Value is SourceScalar { Boolean: false })
        {
            return "";
        }

        if (entry.Value is SourceScalar { IsPlain: true } plain && (plain.Boolean is true || double.TryParse(plain.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            context.Error(plain, $"'{entry.Name}' must be text (a template) or false, found {(plain.Boolean is true ? "true" : $"the number {plain.Value}")}");
            return null;
        }

        return context.String(entry);
    }

    private static string? Choice(SourceEntry entry, WorkflowReadContext context, string[] allowed)
    {
        var value = context.String(entry);
        if (value is null)
        {
            return null;
        }

        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        context.Error(entry.Value, $"'{entry.Name}' must be one of {string.Join(", ", allowed)}, found '{value}'");
        return null;
    }
}
