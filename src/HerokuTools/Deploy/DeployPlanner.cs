using HerokuTools.Common;
using HerokuTools.Git;

namespace HerokuTools.Deploy;

/// <summary>The command-line choices that bend the plan (null: decide from config and changeset).</summary>
public sealed record DeployOverrides
{
    public MaintenancePolicy? Maintenance { get; init; }
    public bool? Migrate { get; init; }
    public bool? Collectstatic { get; init; }
    public bool Force { get; init; }
    public string? Note { get; init; }
}

/// <summary>What the planner knows of the target app and the target commit.</summary>
/// <param name="MaintenanceOn">Maintenance is already on (then the deploy neither switches it on nor off).</param>
/// <param name="ReleasePhaseCommand">The <c>release:</c> process of the Procfile at the target commit, if any.</param>
/// <param name="PromoteFrom">Deploy by promoting this environment's app's release instead of pushing.</param>
/// <param name="PromoteFromApp">The app of <paramref name="PromoteFrom"/>.</param>
public sealed record DeployTarget(
    string Environment,
    string App,
    bool MaintenanceOn,
    string? ReleasePhaseCommand,
    string? PromoteFrom = null,
    string? PromoteFromApp = null)
{
    /// <summary>The app's current release version (null: never released).</summary>
    public int? ReleaseVersion { get; init; }

    /// <summary>The branch of the app's git repository that builds: main, or master when the app uses that.</summary>
    public string DeployBranch { get; init; } = "main";

    /// <summary>What <see cref="DeployBranch"/> pointed at when the plan was made (null: absent); the push's lease.</summary>
    public string? RemoteHead { get; init; }

    /// <summary>The environment's protected flag (confirmation by typing the app name).</summary>
    public bool Protected { get; init; }

    /// <summary>
    /// When <see cref="RemoteHead"/> is the target already but the app runs another commit (after a rollback), a push
    /// builds nothing: the newest release whose slug was built from the target, to release again (null: none found).
    /// </summary>
    public EarlierRelease? ReleaseOfTarget { get; init; }

    /// <summary>The commits the app runs that the target does not have (the deploy removes them); empty for a fast-forward.</summary>
    public IReadOnlyList<CommitWithFiles> Removed { get; init; } = [];

    /// <summary>The target is a strict ancestor of the released commit: the deploy would only go backwards.</summary>
    public bool TargetBehindRelease { get; init; }

    /// <summary>Why migrations are still owed (an earlier deploy did not finish them; the journal), or null.</summary>
    public string? PendingMigrate { get; init; }

    /// <summary>Why collectstatic is still owed, or null.</summary>
    public string? PendingCollectstatic { get; init; }
}

/// <summary>An earlier release of the app: its version and id (for the Platform API rollback).</summary>
public sealed record EarlierRelease(int Version, string Id);

/// <summary>Builds a <see cref="DeployPlan"/>. Pure: no I/O, same inputs give the same plan.</summary>
public static class DeployPlanner
{
    public static DeployPlan Plan(
        DeployTarget target,
        string sourceRef,
        Changeset changeset,
        DeploySettings settings,
        string? migrateCommand,
        string? collectstaticCommand,
        DeployOverrides overrides)
    {
        var notes = new List<string>();
        if (changeset.IsEmpty && target.PendingMigrate is null && target.PendingCollectstatic is null)
        {
            return new DeployPlan(target, sourceRef, changeset, [], [], ["up to date: nothing to deploy"]);
        }

        if (changeset.IsEmpty)
        {
            notes.Add($"{target.App} runs {Short(changeset.Target)} already: only what the last deploy did not finish runs");
        }

        if (changeset.IsFirstDeploy)
        {
            notes.Add("first deploy (no released commit to compare with): every file counts as changed");
        }

        if (target.TargetBehindRelease && !overrides.Force)
        {
            var n = target.Removed.Count;
            throw new ToolException(
                $"{sourceRef} ({Short(changeset.Target)}) is behind what {target.App} runs ({Short(changeset.Base!)}): deploying it would remove " +
                $"{n} commit{(n == 1 ? "" : "s")} and add none; your local branch is behind, pull first (or --force to go back anyway)");
        }

        var triggered = Triggered(changeset, settings);
        var migrationFiles = triggered.Count(t => t.Step == StepKind.Migrate);
        var staticFiles = triggered.Count(t => t.Step == StepKind.Collectstatic);

        // Migrate: detection, unless the command line says otherwise; never twice when the release phase does it.
        var (migrate, migrateReason) = Decide(overrides.Migrate, migrationFiles, "migration", "--migrate", "--no-migrate");
        (migrate, migrateReason) = Owed(migrate, migrateReason, overrides.Migrate, target.PendingMigrate, "--no-migrate", notes);
        if (migrate && migrateCommand is null)
        {
            notes.Add("migrations changed but heroku-tools.yml has no commands.migrate: not run");
            migrate = false;
        }

        if (migrate && ReleasePhaseRuns(target.ReleasePhaseCommand, migrateCommand!))
        {
            notes.Add($"migrations run in the release phase (Procfile release: {target.ReleasePhaseCommand}): not run again");
            migrate = false;
        }

        var (collect, collectReason) = Decide(overrides.Collectstatic, staticFiles, "static file", "--collectstatic", "--no-collectstatic");
        (collect, collectReason) = Owed(collect, collectReason, overrides.Collectstatic, target.PendingCollectstatic, "--no-collectstatic", notes);
        if (collect && collectstaticCommand is null)
        {
            notes.Add("static files changed but heroku-tools.yml has no commands.collectstatic: not run");
            collect = false;
        }

        var policy = overrides.Maintenance ?? settings.Maintenance;
        var maintenance = policy switch
        {
            MaintenancePolicy.Always => true,
            MaintenancePolicy.Never => false,
            _ => migrate,
        };
        var maintenanceReason = policy switch
        {
            MaintenancePolicy.Always => overrides.Maintenance is null ? "deploy.maintenance: always" : "--maintenance always",
            MaintenancePolicy.Never => "",
            _ => "migrations will run (maintenance: auto)",
        };
        if (maintenance && target.MaintenanceOn)
        {
            notes.Add("maintenance is already on: it is left as it is, on");
            maintenance = false;
        }

        var steps = new List<DeployStep>();
        if (maintenance)
        {
            steps.Add(new DeployStep(StepKind.MaintenanceOn, "maintenance on", maintenanceReason));
        }

        if (changeset.IsEmpty)
        {
            // Nothing to release: the unfinished steps run against what runs now.
        }
        else if (target.PromoteFrom is not null)
        {
            steps.Add(new DeployStep(StepKind.Promote, $"promote {target.PromoteFromApp} -> {target.App}",
                $"{target.Environment} is deployed by promotion from {target.PromoteFrom}"));
        }
        else if (PushCannotBuild(target, changeset))
        {
            var head = Short(changeset.Target);
            var earlier = target.ReleaseOfTarget ?? throw new ToolException(
                $"{target.App}'s git {target.DeployBranch} is already at {head} but the app runs {(changeset.Base is null ? "no commit" : Short(changeset.Base))} " +
                $"(rolled back?), so a push would build nothing, and no earlier release of {target.App} was built from {head}; commit something new " +
                "(even 'git commit --allow-empty') and deploy that");
            steps.Add(new DeployStep(StepKind.Rollback,
                FormattableString.Invariant($"release v{earlier.Version}'s slug ({head}) again as a new release"),
                $"{target.App}'s git {target.DeployBranch} is already at {head}: a push would build nothing (the app was rolled back)", earlier.Id));
        }
        else
        {
            var lease = overrides.Force ? " (forced)" : target.RemoteHead is null ? " (lease: branch absent)" : $" (lease on {Short(target.RemoteHead)})";
            steps.Add(new DeployStep(StepKind.Push, $"push {sourceRef} ({Short(changeset.Target)}) to {target.App} {target.DeployBranch}{lease}",
                $"{changeset.Commits.Count} commit(s), {changeset.Files.Count} file(s) changed", sourceRef));
        }

        if (migrate)
        {
            steps.Add(new DeployStep(StepKind.Migrate, $"run: {migrateCommand}", migrateReason, migrateCommand));
        }

        if (collect)
        {
            steps.Add(new DeployStep(StepKind.Collectstatic, $"run: {collectstaticCommand}", collectReason, collectstaticCommand));
        }

        foreach (var command in settings.PostDeploy)
        {
            steps.Add(new DeployStep(StepKind.PostDeploy, $"run: {command}", "deploy.post_deploy", command));
        }

        if (maintenance)
        {
            var keep = settings.OnFailure == FailurePolicy.KeepMaintenance
                ? "kept on if a migration fails: deploy.on_failure keep_maintenance"
                : "off again on every path, failure included";
            steps.Add(new DeployStep(StepKind.MaintenanceOff, "maintenance off", "switched on above; " + keep));
        }

        if (settings.ReleaseNotes.Length > 0 && !changeset.IsEmpty)
        {
            steps.Add(new DeployStep(StepKind.ReleaseNote, "write the release note " + DeploySettings.Expand(settings.ReleaseNotes, target.Environment, target.App, "?"),
                "deploy.release_notes, also when the deploy fails; " + DeploySettings.UnknownVersion));
        }

        if (settings.Tag.Length > 0 && !changeset.IsEmpty)
        {
            steps.Add(new DeployStep(StepKind.Tag, "tag " + DeploySettings.Expand(settings.Tag, target.Environment, target.App, "?"),
                (settings.PushTags ? "deploy.tag, pushed to origin; " : "deploy.tag; ") + DeploySettings.UnknownVersion));
        }

        if (settings.Notify.Count > 0)
        {
            steps.Add(new DeployStep(StepKind.Notify, $"notify {settings.Notify.Count} webhook(s)", "deploy.notify"));
        }

        if (overrides.Note is not null)
        {
            notes.Add($"--note for the release note: {overrides.Note}");
        }

        return new DeployPlan(target, sourceRef, changeset, triggered, steps, notes) { RemovedCommits = Removed(target.Removed, settings) };
    }

    /// <summary>The app's git branch already points at the target, yet the app runs another commit: a push would build nothing.</summary>
    public static bool PushCannotBuild(DeployTarget target, Changeset changeset)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(changeset);
        return !changeset.IsEmpty && target.RemoteHead is { } head && string.Equals(head, changeset.Target, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The commits a deploy removes from the running release, those touching a migration trigger marked.</summary>
    public static IReadOnlyList<RemovedCommit> Removed(IReadOnlyList<CommitWithFiles> commits, DeploySettings settings)
    {
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentNullException.ThrowIfNull(settings);
        var migrate = settings.MigrateTriggers.Select(p => new Glob(p)).ToArray();
        return commits.Select(c => new RemovedCommit(c.Commit, c.Files.Any(f => migrate.Any(g => g.IsMatch(f))))).ToList();
    }

    /// <summary>The changed files that match a trigger glob, first matching pattern per step.</summary>
    public static IReadOnlyList<TriggeredFile> Triggered(Changeset changeset, DeploySettings settings)
    {
        ArgumentNullException.ThrowIfNull(changeset);
        ArgumentNullException.ThrowIfNull(settings);
        // Globs compiled once; per file only the regex runs (20k files: no per-file arrays, closures or LINQ).
        var migrate = settings.MigrateTriggers.Select(p => new Glob(p)).ToArray();
        var collectstatic = settings.CollectstaticTriggers.Select(p => new Glob(p)).ToArray();
        var result = new List<TriggeredFile>();
        foreach (var file in changeset.Files)
        {
            if (FirstMatch(migrate, file) is { } m)
            {
                result.Add(new TriggeredFile(file.Path, StepKind.Migrate, m.Pattern));
            }

            if (FirstMatch(collectstatic, file) is { } c)
            {
                result.Add(new TriggeredFile(file.Path, StepKind.Collectstatic, c.Pattern));
            }
        }

        return result;
    }

    private static Glob? FirstMatch(Glob[] globs, FileChange file)
    {
        foreach (var glob in globs)
        {
            if (glob.IsMatch(file.Path) || (file.OldPath is { } old && glob.IsMatch(old)))
            {
                return glob;
            }
        }

        return null;
    }

    /// <summary>Whether a Procfile release command already runs <paramref name="migrateCommand"/>.</summary>
    public static bool ReleasePhaseRuns(string? releaseCommand, string migrateCommand)
    {
        if (string.IsNullOrWhiteSpace(releaseCommand))
        {
            return false;
        }

        static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var release = Squash(releaseCommand);
        var migrate = Squash(migrateCommand);
        return release.Contains(migrate, StringComparison.Ordinal)
            // "python manage.py migrate --noinput" in the Procfile still runs the configured "python manage.py migrate".
            || (migrate.Split(' ') is { Length: > 0 } words && words.All(w => release.Split(' ').Contains(w)));
    }

    /// <summary>A step an earlier deploy did not finish is planned again, unless the command line says not to.</summary>
    private static (bool Run, string Reason) Owed(bool run, string reason, bool? forced, string? pending, string off, List<string> notes)
    {
        if (pending is null || run)
        {
            return (run, reason);
        }

        if (forced == false)
        {
            notes.Add($"{pending}: not run ({off}), still owed");
            return (false, reason);
        }

        return (true, pending);
    }

    private static (bool Run, string Reason) Decide(bool? forced, int files, string what, string on, string off) =>
        forced switch
        {
            true => (true, on),
            false => (false, off),
            null when files > 0 => (true, $"{files} {what}{(files == 1 ? "" : "s")} changed"),
            _ => (false, ""),
        };

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
