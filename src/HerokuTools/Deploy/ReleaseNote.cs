using System.Globalization;
using System.Text;

namespace HerokuTools.Deploy;

/// <summary>The Markdown release note of a deploy. Pure: built from the plan and the result.</summary>
public static class ReleaseNote
{
    private const int MaxFilesListed = 50;

    public static string Build(DeployPlan plan, DeployResult result, string? note)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var c = plan.Changeset;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var version = result.ReleaseVersion is { } v ? "v" + v.ToString(inv) : result.Succeeded ? "(unknown version)" : "(no new release)";
        text.Append(inv, $"# {plan.Environment}: {plan.App} {version}\n\n");
        text.Append(inv, $"- **Environment:** {plan.Environment}\n");
        text.Append(inv, $"- **App:** {plan.App}\n");
        text.Append(inv, $"- **Release:** {version}\n");
        text.Append(inv, $"- **From -> to:** {(c.Base is null ? "(first deploy)" : Short(c.Base))} -> {Short(c.Target)} ({plan.SourceRef})\n");
        text.Append(inv, $"- **Deployed by:** {result.DeployedBy}\n");
        text.Append(inv, $"- **When:** {result.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC ({Seconds(result.Duration)})\n");
        text.Append(inv, $"- **Outcome:** {(result.Succeeded ? "succeeded" : "failed: " + result.Error)}\n");
        if (!result.Succeeded)
        {
            var running = result.ReleaseVersion is { } made
                ? string.Create(inv, $"v{made} ({Short(c.Target)}), released by this deploy; `heroku-tools rollback {plan.Environment}` goes back")
                : "what ran before" + (plan.Target.ReleaseVersion is { } before ? " (v" + before.ToString(inv) + ")" : "") + "; this deploy released nothing";
            text.Append(inv, $"- **Now running:** {running}\n");
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            text.Append(inv, $"\n## Note\n\n{note.Trim()}\n");
        }

        text.Append(inv, $"\n## Commits ({c.Commits.Count})\n\n");
        foreach (var commit in c.Commits)
        {
            text.Append(inv, $"- `{commit.ShortSha}` {commit.Subject} ({commit.AuthorName})\n");
        }

        text.Append(inv, $"\n## Changed files ({c.Files.Count})\n\n");
        foreach (var group in c.Files.GroupBy(f => f.Status).OrderBy(g => g.Key))
        {
            text.Append(inv, $"- {StatusName(group.Key)}: {group.Count()}\n");
        }

        var triggered = plan.TriggeredFiles.Select(t => t.Path).Distinct(StringComparer.Ordinal).ToList();
        if (triggered.Count > 0)
        {
            text.Append('\n');
            foreach (var path in triggered.Take(MaxFilesListed))
            {
                var steps = string.Join(", ", plan.TriggeredFiles.Where(t => t.Path == path).Select(t => t.Step.ToString().ToLowerInvariant()));
                text.Append(inv, $"- `{path}` ({steps})\n");
            }

            if (triggered.Count > MaxFilesListed)
            {
                text.Append(inv, $"- ... and {triggered.Count - MaxFilesListed} more\n");
            }
        }

        text.Append("\n## Steps\n\n| Step | Outcome | Duration |\n|---|---|---|\n");
        foreach (var step in result.Steps)
        {
            var outcome = step.Outcome.ToString().ToLowerInvariant() + (step.Message is null ? "" : ": " + step.Message.Replace("|", "\\|", StringComparison.Ordinal));
            text.Append(inv, $"| {step.Title.Replace("|", "\\|", StringComparison.Ordinal)} | {outcome} | {Seconds(step.Duration)} |\n");
        }

        return text.ToString();
    }

    private static string StatusName(char status) => status switch
    {
        'A' => "added",
        'M' => "modified",
        'D' => "deleted",
        'R' => "renamed",
        'C' => "copied",
        'T' => "type changed",
        _ => "changed",
    };

    internal static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
