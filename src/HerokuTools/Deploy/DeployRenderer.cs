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
        yield return Header(plan);
        if (plan.Changeset.IsEmpty)
        {
            yield return UpToDate(plan);
            if (plan.UpToDate)
            {
                yield break;
            }
        }

        foreach (var line in plan.Changeset.IsEmpty ? [] : Contents(plan))
        {
            yield return line;
        }

        if (plan.RemovedCommits.Count > 0)
        {
            yield return "";
            yield return RemovedTitle(plan) + ":";
            foreach (var removed in plan.RemovedCommits.Take(MaxCommits))
            {
                var gone = removed.Commit;
                var line = $"  {gone.ShortSha} {gone.Subject} ({gone.AuthorName})";
                yield return removed.Migrations ? line + "  [migrations]" : line;
            }

            if (plan.RemovedCommits.Count > MaxCommits)
            {
                yield return $"  ... and {plan.RemovedCommits.Count - MaxCommits} more";
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

    /// <summary>What is in the deployment: the commits and the changed files.</summary>
    private static IEnumerable<string> Contents(DeployPlan plan)
    {
        var c = plan.Changeset;
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
        foreach (var group in FileGroups(plan))
        {
            yield return $"  {group.Folder} ({group.Count})";
            foreach (var file in group.Shown)
            {
                yield return file.Mark is null ? $"    {file.Status} {file.Name}" : $"    {file.Status} {file.Name}  [{file.Mark}]";
            }

            if (group.Hidden > 0)
            {
                yield return $"    ... and {group.Hidden} more";
            }
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
            var mark = step.Outcome switch { StepOutcome.Succeeded => "ok  ", StepOutcome.Failed => "FAIL", StepOutcome.Warned => "warn", _ => "skip" };
            var message = step.Message is null ? "" : " - " + step.Message;
            yield return string.Create(CultureInfo.InvariantCulture, $"  {mark} {step.Title} ({ReleaseNote.Seconds(step.Duration)}){message}");
        }

        if (!result.Succeeded)
        {
            yield return result.ReleaseVersion is { } running
                ? FormattableString.Invariant($"  {plan.App} now runs v{running} ({Short(plan.Changeset.Target)}), released by this deploy: 'heroku-tools rollback {plan.Environment}' goes back to the release before it")
                : FormattableString.Invariant($"  {plan.App} still runs what it ran before{(plan.Target.ReleaseVersion is { } before ? $" (v{before})" : "")}: this deploy released nothing");
        }

        if (result.MaintenanceLeftOn)
        {
            yield return $"  MAINTENANCE IS ON for {plan.App}: 'heroku-tools maintenance off {plan.Environment}' when ready";
        }
    }

    /// <summary>
    /// The changed files by top-level folder (in name order): up to <see cref="FilesPerGroup"/> files each, plus
    /// every file that triggers a step (with its mark). One pass; the unshown files are only counted.
    /// </summary>
    public static IReadOnlyList<FileGroup> FileGroups(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Only the few triggering files carry a mark: one dictionary, no per-file work for the rest.
        var marks = plan.TriggeredFiles.GroupBy(t => t.Path, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => string.Join(", ", g.Select(t => t.Step == StepKind.Migrate ? "migrate" : "collectstatic")), StringComparer.Ordinal);
        var groups = new Dictionary<string, FileGroupBuilder>(StringComparer.Ordinal);
        var byFolder = groups.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var file in plan.Changeset.Files)
        {
            var slash = file.Path.IndexOf('/', StringComparison.Ordinal);
            var folder = slash < 0 ? "./".AsSpan() : file.Path.AsSpan(0, slash + 1);
            if (!byFolder.TryGetValue(folder, out var group))
            {
                group = new FileGroupBuilder();
                byFolder[folder] = group;
            }

            group.Count++;
            var marked = marks.TryGetValue(file.Path, out var mark);
            if (marked || group.Shown.Count < FilesPerGroup)
            {
                group.Shown.Add(new ShownFile(file.Status, file.OldPath is null ? file.Path : $"{file.OldPath} -> {file.Path}", mark));
            }
        }

        return groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new FileGroup(g.Key, g.Value.Count, g.Value.Shown)).ToList();
    }

    internal static string Header(DeployPlan plan)
    {
        var c = plan.Changeset;
        var released = plan.Target.ReleaseVersion is { } v ? FormattableString.Invariant($" (v{v})") : "";
        var current = plan.Target.ReleaseVersion is { } cv
            ? FormattableString.Invariant($"first deploy of code (the app is at v{cv}, which runs no commit)")
            : "first deploy (the app has no release yet)";
        return c.Base is null
            ? $"Deploy {plan.SourceRef} {Short(c.Target)} to {plan.Environment} ({plan.App}): {current}"
            : $"Deploy {plan.SourceRef} {Short(c.Base)}..{Short(c.Target)} to {plan.Environment} ({plan.App}), released{released}: {Short(c.Base)}";
    }

    /// <summary>"N commits now running will be removed" (and how many of them touch migrations).</summary>
    internal static string RemovedTitle(DeployPlan plan)
    {
        var n = plan.RemovedCommits.Count;
        var migrations = plan.RemovedCommits.Count(r => r.Migrations);
        return $"{Count(n, "commit")} now running will be removed" + (migrations > 0 ? $" ({migrations} with migrations: the database keeps them)" : "");
    }

    internal static string UpToDate(DeployPlan plan) =>
        $"{plan.Environment} is up to date: {plan.App} already runs {Short(plan.Changeset.Target)}";

    internal static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + what + (n == 1 ? "" : "s");

    internal static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    private sealed class FileGroupBuilder
    {
        public int Count { get; set; }

        public List<ShownFile> Shown { get; } = [];
    }
}
