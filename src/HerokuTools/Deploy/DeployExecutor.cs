using System.Diagnostics;
using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Output;

namespace HerokuTools.Deploy;

/// <summary>What the executor needs from the world.</summary>
public sealed record DeployServices(
    Reporter Reporter,
    IGit Git,
    HerokuClient Client,
    HerokuGitRemote Remote,
    OneOffDyno Dynos,
    MaintenanceJournal Journal,
    DeployNotifier Notifier,
    string WorkingDirectory)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long switching maintenance off may take once the deploy was interrupted.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How steps and their output are shown; plain lines on standard error when not set.</summary>
    public IStepDisplay? Display { get; init; }
}

/// <summary>
/// Runs a <see cref="DeployPlan"/> step by step. A failed step skips the rest; maintenance is switched off again on
/// every path (success, failure, API error, cancellation) unless deploy.on_failure keeps it after a failed migration.
/// Release note and tag follow a successful deploy; notifications go out on success and failure.
/// </summary>
public sealed class DeployExecutor(DeployServices services, DeploySettings settings)
{
    private Reporter Out => services.Reporter;

    private IStepDisplay Display => _display ??= services.Display ?? new PlainStepDisplay(services.Reporter);

    private IStepDisplay? _display;

    private int? _pushedVersion;

    public async Task<DeployResult> RunAsync(DeployPlan plan, string deployedBy, string? note, bool force, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var started = services.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var results = new List<StepResult>();
        var maintenanceMaybeOn = false;
        var maintenanceLeftOn = false;
        string? error = null;
        StepKind? failedKind = null;
        try
        {
            foreach (var step in plan.Steps.Where(s => s.Kind != StepKind.MaintenanceOff && !s.IsAfterward))
            {
                if (error is not null)
                {
                    results.Add(new StepResult(step.Kind, step.Title, StepOutcome.Skipped, TimeSpan.Zero, "an earlier step failed"));
                    continue;
                }

                var stepClock = Stopwatch.StartNew();
                try
                {
                    if (step.Kind == StepKind.MaintenanceOn)
                    {
                        // Recorded before the call: an answer lost on the way still gets maintenance switched off.
                        maintenanceMaybeOn = true;
                        services.Journal.Record(plan.Environment, plan.App, services.Time.GetUtcNow(), "deploy of " + plan.SourceRef);
                    }

                    if (step.Kind is StepKind.Push or StepKind.Promote or StepKind.Rollback)
                    {
                        // From here the new code may run without its migrations: owed until they succeed (a kill included).
                        RecordOwed(plan, null);
                    }

                    await Display.RunAsync(step.Title, output => RunStepAsync(plan, step, force, output, cancellation));
                    results.Add(new StepResult(step.Kind, step.Title, StepOutcome.Succeeded, stepClock.Elapsed));
                    if (step.Kind is StepKind.Push or StepKind.Promote or StepKind.Rollback && _pushedVersion is not null)
                    {
                        RecordOwed(plan, _pushedVersion);
                    }
                    else if (step.Kind is StepKind.Migrate or StepKind.Collectstatic)
                    {
                        services.Journal.ClearPending(plan.App, step.Kind);
                    }
                }
                catch (ToolException e)
                {
                    error = $"{step.Title}: {e.Message}";
                    failedKind = step.Kind;
                    Out.Error(error);
                    results.Add(new StepResult(step.Kind, step.Title, StepOutcome.Failed, stepClock.Elapsed, e.Message));
                }
            }
        }
        finally
        {
            if (maintenanceMaybeOn)
            {
                var keep = error is not null && failedKind == StepKind.Migrate && settings.OnFailure == FailurePolicy.KeepMaintenance;
                if (keep)
                {
                    maintenanceLeftOn = true;
                    Out.Warn($"MAINTENANCE IS STILL ON for {plan.App}: the migration failed and deploy.on_failure is keep_maintenance. " +
                             $"Fix the database, then run 'heroku-tools maintenance off {plan.Environment}'.");
                    results.Add(new StepResult(StepKind.MaintenanceOff, "maintenance off", StepOutcome.Skipped, TimeSpan.Zero,
                        "kept on after the failed migration (deploy.on_failure: keep_maintenance)"));
                }
                else
                {
                    var off = await SwitchMaintenanceOffAsync(plan, cancellation.IsCancellationRequested);
                    results.Add(off);
                    maintenanceLeftOn = off.Outcome != StepOutcome.Succeeded;
                    if (maintenanceLeftOn && error is null)
                    {
                        error = $"maintenance off: {off.Message}";
                    }
                }
            }

            if (cancellation.IsCancellationRequested && _pushedVersion is { } live)
            {
                // No summary follows an interruption: say what runs now and what is owed.
                var owed = plan.Steps.Where(s => s.Kind is StepKind.Migrate or StepKind.Collectstatic)
                    .Where(s => !results.Exists(r => r.Kind == s.Kind && r.Outcome == StepOutcome.Succeeded)).Select(s => s.Title).ToList();
                Out.Warn($"interrupted after the push: {plan.App} runs v{live} now" + (owed.Count == 0
                    ? "."
                    : $"; not finished: {string.Join(", ", owed)} (the next 'heroku-tools deploy {plan.Environment}' runs it again)."));
            }
        }

        // The push's build reports the release it made; only a promotion (or a build that said nothing) needs a GET.
        var version = _pushedVersion;
        if (error is null && version is null)
        {
            version = (await services.Client.GetCurrentReleaseAsync(plan.App, cancellation))?.Version;
        }

        var tag = error is null && plan.Has(StepKind.Tag) && version is { } tv
            ? DeploySettings.Expand(settings.Tag, plan.Environment, plan.App, tv.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
        var notePath = plan.Has(StepKind.ReleaseNote) && NoteVersion(plan, error is null, version, started) is { } nv
            ? Path.GetFullPath(DeploySettings.Expand(settings.ReleaseNotes, plan.Environment, plan.App, nv), services.WorkingDirectory)
            : null;
        // Maintenance on before the deploy (an earlier keep_maintenance failure) is left on: the summary says so.
        maintenanceLeftOn |= plan.Target.MaintenanceOn;
        var result = new DeployResult(error is null, results, version, notePath, tag, maintenanceLeftOn, error, deployedBy, started, clock.Elapsed);

        if (error is not null)
        {
            foreach (var step in plan.Steps.Where(s => s.Kind is StepKind.Tag))
            {
                results.Add(new StepResult(step.Kind, step.Title, StepOutcome.Skipped, TimeSpan.Zero, "the deploy failed"));
            }
        }

        // The note is written on failure too (interrupted included): it says what ran, what failed and what runs now.
        result = await AfterwardAsync(plan, result, note, error is null ? cancellation : CancellationToken.None);

        if (plan.Has(StepKind.Notify))
        {
            var sent = await services.Notifier.NotifyAsync(settings.Notify, plan, result, cancellation);
            results.Add(new StepResult(StepKind.Notify, "notify", sent == settings.Notify.Count ? StepOutcome.Succeeded : StepOutcome.Warned, TimeSpan.Zero,
                FormattableString.Invariant($"{sent} of {settings.Notify.Count} webhook(s) told")));
        }

        return result with { Steps = results, Duration = clock.Elapsed };
    }

    /// <summary>
    /// The {version} of the release note: the release made (a failed deploy whose push went live included); for a
    /// failure that released nothing, the running version and "-failed-" with the time, so no note is overwritten.
    /// </summary>
    private static string? NoteVersion(DeployPlan plan, bool succeeded, int? version, DateTimeOffset started)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (version is { } v)
        {
            return v.ToString(inv);
        }

        return succeeded ? null : string.Create(inv, $"{plan.Target.ReleaseVersion ?? 0}-failed-{started.ToUniversalTime():yyyyMMdd-HHmmss}");
    }

    /// <summary>Notes in the journal that the plan's migrate/collectstatic are owed once the code is on its way.</summary>
    private void RecordOwed(DeployPlan plan, int? version)
    {
        var release = version is { } v ? FormattableString.Invariant($" (v{v})") : "";
        foreach (var (kind, what) in new[] { (StepKind.Migrate, "migrations"), (StepKind.Collectstatic, "collectstatic") })
        {
            if (plan.Has(kind))
            {
                services.Journal.RecordPending(plan.App, kind, $"the deploy of {plan.SourceRef}{release} did not finish its {what}");
            }
        }
    }

    private async Task<DeployResult> AfterwardAsync(DeployPlan plan, DeployResult result, string? note, CancellationToken cancellation)
    {
        var steps = (List<StepResult>)result.Steps;
        if (result.Tag is { } tag)
        {
            var clock = Stopwatch.StartNew();
            var r = await services.Git.RunAsync(["tag", "-f", "-m", $"deployed to {plan.Environment} ({plan.App}) as v{result.ReleaseVersion}", tag, plan.Changeset.Target],
                null, cancellation);
            var message = r.Success ? null : r.FirstErrorLine;
            if (r.Success && settings.PushTags)
            {
                var push = await services.Git.RunAsync(["push", "--no-verify", "origin", "refs/tags/" + tag], null, cancellation);
                message = push.Success ? "pushed to origin" : "not pushed to origin: " + push.FirstErrorLine;
                if (!push.Success)
                {
                    Out.Warn($"tag {tag} {message}");
                }
            }

            steps.Add(new StepResult(StepKind.Tag, $"tag {tag}", r.Success ? StepOutcome.Succeeded : StepOutcome.Failed, clock.Elapsed, message));
            if (!r.Success)
            {
                Out.Warn($"could not tag {plan.Changeset.Target[..7]} as {tag}: {r.FirstErrorLine}");
            }
        }

        if (result.ReleaseNotePath is { } path)
        {
            // Written last, so it lists every step before it with its outcome.
            var clock = Stopwatch.StartNew();
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                steps.Add(new StepResult(StepKind.ReleaseNote, "release note " + Path.GetRelativePath(services.WorkingDirectory, path), StepOutcome.Succeeded, TimeSpan.Zero));
                await File.WriteAllTextAsync(path, ReleaseNote.Build(plan, result with { Steps = steps }, note), cancellation);
                steps[^1] = steps[^1] with { Duration = clock.Elapsed };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                steps[^1] = new StepResult(StepKind.ReleaseNote, "release note", StepOutcome.Failed, clock.Elapsed, e.Message);
                Out.Warn($"could not write the release note {path}: {e.Message}");
            }
        }

        return result;
    }

    private async Task<bool> RunStepAsync(DeployPlan plan, DeployStep step, bool force, Action<string> output, CancellationToken cancellation)
    {
        switch (step.Kind)
        {
            case StepKind.MaintenanceOn:
                await services.Client.SetMaintenanceAsync(plan.App, true, cancellation);
                break;
            case StepKind.Push:
                _pushedVersion = await new HerokuPush(services.Git, services.Remote).PushAsync(plan.App, plan.Changeset.Target, plan.Target.DeployBranch,
                    plan.Target.RemoteHead, force, output, cancellation);
                break;
            case StepKind.Rollback:
                var release = await services.Client.RollbackAsync(plan.App, step.Command!, cancellation);
                _pushedVersion = release.Version;
                output(FormattableString.Invariant($"released v{release.Version} ({plan.Changeset.Target[..7]})"));
                break;
            case StepKind.Promote:
                await new Promotion(services.Client).PromoteAsync(plan.Target.PromoteFromApp!, plan.App, output, cancellation);
                break;
            case StepKind.Migrate or StepKind.Collectstatic or StepKind.PostDeploy:
                var status = await services.Dynos.RunAsync(plan.App, step.Command!, output, cancellation);
                if (status != 0)
                {
                    throw new ToolException(FormattableString.Invariant($"'{step.Command}' exited with status {status}"));
                }

                break;
            default:
                throw new InvalidOperationException($"{step.Kind} is not run in sequence");
        }

        return true;
    }

    private async Task<StepResult> SwitchMaintenanceOffAsync(DeployPlan plan, bool interrupted)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(services.CleanupTimeout);
        try
        {
            await Display.RunAsync(interrupted ? "interrupted: maintenance off" : "maintenance off", async _ =>
            {
                await services.Client.SetMaintenanceAsync(plan.App, false, timeout.Token);
                return true;
            });
            services.Journal.Clear(plan.App);
            return new StepResult(StepKind.MaintenanceOff, "maintenance off", StepOutcome.Succeeded, clock.Elapsed);
        }
        catch (Exception e) when (e is ToolException or OperationCanceledException)
        {
            Out.Error($"COULD NOT SWITCH MAINTENANCE OFF for {plan.App}: {e.Message}; run 'heroku-tools maintenance off {plan.Environment}'");
            return new StepResult(StepKind.MaintenanceOff, "maintenance off", StepOutcome.Failed, clock.Elapsed, e.Message);
        }
    }
}
