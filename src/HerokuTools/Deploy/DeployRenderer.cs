using System.Globalization;

namespace HerokuTools.Deploy;

/// <summary>Plain-text rendering of a plan (what is in the deployment, the steps) and of a result (the summary).</summary>
public static class DeployRenderer
{
    /// <summary>Files listed per top-level folder before "... and N more" (files that trigger a step are always listed).</summary>
    public const int FilesPerGroup = 10;

    public const int MaxCommits = 50;

    public static IEnumerable<string> Plan(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var c = plan.Changeset;
        var released = plan.Target.ReleaseVersion is { } v ? FormattableString.Invariant($" (v{v})") : "";
        yield return c.Base is null
            ? $"Deploy {plan.SourceRef} {Short(c.Target)} to {plan.Environment} ({plan.App}): first deploy{released}"
            : $"Deploy {plan.SourceRef} {Short(c.Base)}..{Short(c.Target)} to {plan.Environment} ({plan.App}), released{released}: {Short(c.Base)}";
        if (plan.UpToDate)
        {
            yield return $"{plan.Environment} is up to date: {plan.App} already runs {Short(c.Target)}";
            yield break;
        }

        yield return "";
        yield return Count(c.Commits.Count, "commit") + ":";
        foreach (var commit in c.Commits.Take(MaxCommits))
        {
            yield return $"  {commit.ShortSha} {commit.Subject} ({commit.AuthorName})";
        }

        if (c.Commits.Count > MaxCommits)
        {
            yield return $"  ... and {c.Commits.Count - MaxCommits} more";
        }

        yield return "";
        yield return Count(c.Files.Count, "changed file") + ":";
        // Only the few triggering files carry a mark: one dictionary, no per-file work for the rest.
        var marks = plan.TriggeredFiles.GroupBy(t => t.Path, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => string.Join(", ", g.Select(t => t.Step == StepKind.Migrate ? "migrate" : "collectstatic")), StringComparer.Ordinal);
        foreach (var group in c.Files.GroupBy(f => TopFolder(f.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = group.ToList();
            yield return $"  {group.Key} ({files.Count})";
            var shown = 0;
            foreach (var file in files)
            {
                var marked = marks.TryGetValue(file.Path, out var mark);
                if (!marked && shown >= FilesPerGroup)
                {
                    continue;
                }

                shown++;
                var name = file.OldPath is null ? file.Path : $"{file.OldPath} -> {file.Path}";
                yield return marked ? $"    {file.Status} {name}  [{mark}]" : $"    {file.Status} {name}";
            }

            if (shown < files.Count)
            {
                yield return $"    ... and {files.Count - shown} more";
            }
        }

        yield return "";
        yield return "Plan:";
        var n = 0;
        foreach (var step in plan.Steps)
        {
            n++;
            yield return string.IsNullOrEmpty(step.Reason) ? $"  {n}. {step.Title}" : $"  {n}. {step.Title}  ({step.Reason})";
        }

        foreach (var note in plan.Notes)
        {
            yield return $"  note: {note}";
        }
    }

    public static IEnumerable<string> Summary(DeployPlan plan, DeployResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var version = result.ReleaseVersion is { } v ? FormattableString.Invariant($" v{v}") : "";
        yield return "";
        yield return result.Succeeded
            ? $"Deployed {plan.SourceRef} ({Short(plan.Changeset.Target)}) to {plan.Environment} ({plan.App}){version} in {ReleaseNote.Seconds(result.Duration)}"
            : $"Deploy to {plan.Environment} ({plan.App}) FAILED after {ReleaseNote.Seconds(result.Duration)}: {result.Error}";
        foreach (var step in result.Steps)
        {
            var mark = step.Outcome switch { StepOutcome.Succeeded => "ok  ", StepOutcome.Failed => "FAIL", _ => "skip" };
            var message = step.Message is null ? "" : " - " + step.Message;
            yield return string.Create(CultureInfo.InvariantCulture, $"  {mark} {step.Title} ({ReleaseNote.Seconds(step.Duration)}){message}");
        }

        if (result.MaintenanceLeftOn)
        {
            yield return $"  MAINTENANCE IS ON for {plan.App}: 'heroku-tools maintenance off {plan.Environment}' when ready";
        }
    }

    private static string TopFolder(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "./" : path[..(slash + 1)];
    }

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what + (n == 1 ? "" : "s");

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
