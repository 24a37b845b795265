using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HerokuTools.Cli;

namespace HerokuTools.Deploy;

/// <summary>
/// Tells the webhooks of <c>deploy.notify</c> how a deploy went: a Slack-compatible <c>{"text": ...}</c> or a
/// generic JSON document. The URLs come from environment variables; a failed notification is only a warning.
/// </summary>
public sealed class DeployNotifier(CliHost host, Action<string> warn, HttpMessageHandler? handler = null)
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Before a deploy (its plan phase) and in <c>check</c>: one warning per target whose variable does not hold an
    /// http(s) URL here, so the user hears it before deploying rather than after.
    /// </summary>
    /// <returns>How many targets could not be notified.</returns>
    public int WarnAboutUnsetTargets(IReadOnlyList<NotifyTarget> targets)
    {
        var problems = UnsetTargets(targets, host.GetEnv);
        foreach (var problem in problems)
        {
            warn(problem);
        }

        return problems.Count;
    }

    /// <summary>The warning for each target whose variable (read with <paramref name="getEnv"/>) is not an http(s) URL. Pure.</summary>
    public static IReadOnlyList<string> UnsetTargets(IReadOnlyList<NotifyTarget> targets, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(getEnv);
        return targets.Where(t => Url(getEnv(t.UrlVariable)) is null)
            .Select(t => $"notify: {t.UrlVariable} is not set to an http(s) URL; the deploy will not notify this {(t.Kind == NotifyKind.Slack ? "Slack" : "webhook")} target")
            .ToList();
    }

    private static Uri? Url(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <returns>How many webhooks accepted the notification.</returns>
    public async Task<int> NotifyAsync(IReadOnlyList<NotifyTarget> targets, DeployPlan plan, DeployResult result, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout;
        var sent = 0;
        foreach (var target in targets)
        {
            if (Url(host.GetEnv(target.UrlVariable)) is not { } uri)
            {
                warn($"notify: {target.UrlVariable} is not set to an http(s) URL; not notified");
                continue;
            }

            var body = target.Kind == NotifyKind.Slack
                ? JsonSerializer.Serialize(new SlackMessage(Summary(plan, result)), DeployJson.Default.SlackMessage)
                : JsonSerializer.Serialize(Document(plan, result), DeployJson.Default.DeployNotification);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await http.PostAsync(uri, content, cancellation);
                if (response.IsSuccessStatusCode)
                {
                    sent++;
                }
                else
                {
                    // The URL is a secret (it is the credential of an incoming webhook): name the variable only.
                    warn($"notify: the webhook in {target.UrlVariable} answered HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                warn($"notify: the webhook in {target.UrlVariable} could not be reached ({e.GetType().Name})");
            }
        }

        return sent;
    }

    /// <summary>One line for chat.</summary>
    public static string Summary(DeployPlan plan, DeployResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var c = plan.Changeset;
        var version = result.ReleaseVersion is { } v ? FormattableString.Invariant($" v{v}") : "";
        var range = c.Base is null ? c.Target[..7] : $"{c.Base[..Math.Min(7, c.Base.Length)]}..{c.Target[..7]}";
        return result.Succeeded
            ? FormattableString.Invariant($"{result.DeployedBy} deployed {plan.SourceRef} ({range}, {c.Commits.Count} commits) to {plan.Environment} ({plan.App}){version}")
            : FormattableString.Invariant($"Deploy of {plan.SourceRef} ({range}) to {plan.Environment} ({plan.App}) by {result.DeployedBy} FAILED: {result.Error}");
    }

    private static DeployNotification Document(DeployPlan plan, DeployResult result) => new(
        "deploy", plan.Environment, plan.App, result.Succeeded, result.ReleaseVersion, plan.Changeset.Base, plan.Changeset.Target,
        plan.SourceRef, plan.Changeset.Commits.Select(c => new JsonCommit(c.Sha, c.AuthorName, c.Subject)).ToList(),
        result.DeployedBy, result.StartedAt, result.Error, Summary(plan, result));
}

internal sealed record SlackMessage(string Text);

internal sealed record DeployNotification(
    string Event,
    string Environment,
    string App,
    bool Succeeded,
    int? ReleaseVersion,
    string? FromCommit,
    string ToCommit,
    string SourceRef,
    IReadOnlyList<JsonCommit> Commits,
    string DeployedBy,
    DateTimeOffset StartedAt,
    string? Error,
    string Summary);
