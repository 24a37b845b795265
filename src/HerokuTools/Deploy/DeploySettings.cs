namespace HerokuTools.Deploy;

/// <summary>When the maintenance page is switched on during a deploy.</summary>
public enum MaintenancePolicy
{
    /// <summary>On when migrations run.</summary>
    Auto,
    Always,
    Never,
}

/// <summary>What happens to maintenance mode when a step after it was switched on fails.</summary>
public enum FailurePolicy
{
    /// <summary>Switch it off again (the default): the previous release keeps serving.</summary>
    MaintenanceOff,

    /// <summary>Leave it on after a failed migration (a half-applied migration), and say so loudly.</summary>
    KeepMaintenance,
}

/// <summary>The kind of an incoming webhook: Slack-compatible (<c>{"text": ...}</c>) or a generic JSON document.</summary>
public enum NotifyKind
{
    Slack,
    Webhook,
}

/// <summary>One place to tell about a deploy; the URL is read from the environment variable <see cref="UrlVariable"/>.</summary>
public sealed record NotifyTarget(NotifyKind Kind, string UrlVariable);

/// <summary>The <c>deploy:</c> section of heroku-tools.yml, with its defaults.</summary>
public sealed record DeploySettings
{
    public IReadOnlyList<string> MigrateTriggers { get; init; } = ["**/migrations/**"];
    public IReadOnlyList<string> CollectstaticTriggers { get; init; } = ["**/static/**"];
    public MaintenancePolicy Maintenance { get; init; } = MaintenancePolicy.Auto;
    public FailurePolicy OnFailure { get; init; } = FailurePolicy.MaintenanceOff;
    public IReadOnlyList<string> PostDeploy { get; init; } = [];

    /// <summary>Where release notes go; {env} and {version} are replaced. Empty: none written.</summary>
    public string ReleaseNotes { get; init; } = "release-notes/{env}/v{version}.md";

    /// <summary>The tag put on the deployed commit; {env} and {version} are replaced. Empty: no tag.</summary>
    public string Tag { get; init; } = "deploy/{env}/v{version}";

    public bool PushTags { get; init; }

    public IReadOnlyList<NotifyTarget> Notify { get; init; } = [];

    public static DeploySettings Default { get; } = new();

    /// <summary>A template with {env} and {version} filled in.</summary>
    public static string Expand(string template, string environment, int version) =>
        Expand(template, environment, null, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A template with {env}, {app} (when given) and {version} filled in; the plan passes "?" for the version, which
    /// is the new release's number and known only once it is made.
    /// </summary>
    public static string Expand(string template, string environment, string? app, string version)
    {
        ArgumentNullException.ThrowIfNull(template);
        var expanded = template.Replace("{env}", environment, StringComparison.Ordinal).Replace("{version}", version, StringComparison.Ordinal);
        return app is null ? expanded : expanded.Replace("{app}", app, StringComparison.Ordinal);
    }

    /// <summary>What "v?" in a planned release note path or tag stands for.</summary>
    public const string UnknownVersion = "v? = the new release's number";
}
