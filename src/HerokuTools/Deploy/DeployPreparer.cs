using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Deploy;

/// <summary>
/// Gathers what a plan is built from: the app's state (release -> slug -> commit, maintenance), the changeset
/// from that commit (fetched from the app's git remote when missing locally) to the target, the Procfile's release
/// phase at the target, the app's deploy branch for the lease. Then asks <see cref="DeployPlanner"/>.
/// </summary>
public sealed class DeployPreparer(Reporter reporter, IGit git, HerokuClient client, Func<string, HerokuGitRemote> remoteFor)
{
    public async Task<DeployPlan> PrepareAsync(
        WorkflowConfig workflow, WorkflowEnvironment environment, string? sourceRef, DeployOverrides overrides, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(environment);
        var upstream = workflow.PromotionSource(environment);
        if (upstream is not null && sourceRef is not null)
        {
            throw new ToolException($"{environment.Label} is deployed by promotion from {upstream.Label}; --branch does not apply", ExitCodes.Usage);
        }

        // The API chain (app, release -> slug, then the baseline's presence) and the local git questions (target,
        // upstream, the app's deploy branch, the Procfile at the target) are independent: all run at once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var remote = remoteFor(environment.AppName);
        var stateTask = ReleasedState.ReadAsync(client, environment.AppName, cancellation);
        var baselineTask = BaselineAsync(stateTask, environment.AppName, remote, cancellation);
        // The app's deploy branch (the lease) is only needed by the plan: the changeset does not wait for it.
        var deployBranch = upstream is null ? remote.DeployBranchAsync(git, cancellation) : null;
        var local = upstream is null ? LocalFactsAsync(sourceRef ?? environment.Branch, cancellation) : null;
        var state = await stateTask;
        string target;
        Task<string?> releasePhase;
        var targetFor = new DeployTarget(environment.Label, environment.AppName, state.Maintenance, null, upstream?.Label, upstream?.AppName)
        {
            ReleaseVersion = state.Version,
            Protected = environment.Protected,
        };

        if (upstream is not null)
        {
            var upstreamState = await ReleasedState.ReadAsync(client, upstream.AppName, cancellation);
            target = upstreamState.Commit
                ?? throw new ToolException($"{upstream.Label} ({upstream.AppName}) has no released commit to promote");
            if (!await remoteFor(upstream.AppName).EnsureCommitAsync(git, target, cancellation))
            {
                throw new ToolException($"{upstream.Label}'s released commit {target[..7]} is not in this repository and could not be fetched from {upstream.AppName}");
            }

            sourceRef = $"{upstream.Label} v{upstreamState.Version}";
            releasePhase = ReleasePhaseAsync(target, cancellation);
        }
        else
        {
            sourceRef ??= environment.Branch;
            (target, releasePhase) = await local!;
        }

        var baseline = await baselineTask;
        reporter.Verbose($"app state and local facts in {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        var changeset = await new ChangesetReader(git).ReadResolvedAsync(baseline, target, cancellation);
        reporter.Verbose($"changeset ({changeset.Commits.Count} commits, {changeset.Files.Count} files) in {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        if (deployBranch is not null)
        {
            var (branch, head) = await deployBranch;
            targetFor = targetFor with { DeployBranch = branch, RemoteHead = head };
        }

        targetFor = targetFor with { ReleasePhaseCommand = await releasePhase };
        var plan = DeployPlanner.Plan(targetFor, sourceRef, changeset, workflow.Deploy, workflow.Commands.Migrate, workflow.Commands.Collectstatic, overrides);
        reporter.Verbose($"planned in {clock.ElapsedMilliseconds} ms");
        return plan;
    }

    /// <summary>The released commit when it is (or can be fetched into) the local repository; null: every file counts.</summary>
    private async Task<string?> BaselineAsync(Task<ReleasedState> stateTask, string app, HerokuGitRemote remote, CancellationToken cancellation)
    {
        var state = await stateTask;
        var baseline = state.Commit;
        if (baseline is null && state.HasSlug)
        {
            reporter.Warn($"{app}'s current release v{state.Version} has no commit (not deployed from git?): every file counts as changed");
        }
        else if (baseline is not null && !await remote.EnsureCommitAsync(git, baseline, cancellation))
        {
            reporter.Warn($"the released commit {baseline[..Math.Min(7, baseline.Length)]} is not in this repository and could not be fetched from {app}: every file counts as changed");
            baseline = null;
        }

        return baseline;
    }

    /// <summary>The target commit, a behind-upstream warning and the Procfile's release phase at the target.</summary>
    private async Task<(string Target, Task<string?> ReleasePhase)> LocalFactsAsync(string sourceRef, CancellationToken cancellation)
    {
        var behind = WarnWhenBehindUpstreamAsync(sourceRef, cancellation);
        var target = await new ChangesetReader(git).ResolveAsync(sourceRef, cancellation)
            ?? throw new ToolException($"'{sourceRef}' is not a branch, tag or commit in this repository", ExitCodes.Usage);
        var releasePhase = ReleasePhaseAsync(target, cancellation);
        await behind;
        return (target, releasePhase);
    }

    /// <summary>The <c>release:</c> process of the Procfile at <paramref name="commit"/>, or null.</summary>
    public async Task<string?> ReleasePhaseAsync(string commit, CancellationToken cancellation)
    {
        var r = await git.RunAsync(["show", $"{commit}:Procfile"], null, cancellation);
        if (!r.Success)
        {
            return null;
        }

        foreach (var line in r.StandardOutput.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == "release")
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private async Task WarnWhenBehindUpstreamAsync(string sourceRef, CancellationToken cancellation)
    {
        var upstream = await git.RunAsync(["rev-parse", "--abbrev-ref", "--symbolic-full-name", sourceRef + "@{upstream}"], null, cancellation);
        if (!upstream.Success)
        {
            return;
        }

        var name = upstream.StandardOutput.Trim();
        var behind = await git.RunAsync(["rev-list", "--count", $"{sourceRef}..{sourceRef}@{{upstream}}"], null, cancellation);
        if (behind.Success && int.TryParse(behind.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            reporter.Warn($"{sourceRef} is {n} commit{(n == 1 ? "" : "s")} behind {name}: pull first, or you deploy without them");
        }
    }
}
