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
    /// <summary>The repository's journal: the steps an earlier deploy did not finish are planned again (null: none read).</summary>
    public Task<MaintenanceJournal>? Journal { get; init; }

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

        // The API chain (app, release -> slug) and the local git questions (target,
        // upstream, the app's deploy branch, the Procfile at the target) are independent: all run at once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var remote = remoteFor(environment.AppName);
        var stateTask = ReleasedState.ReadAsync(client, environment.AppName, cancellation);
        var baselineTask = BaselineAsync(stateTask, environment.AppName, cancellation);
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
            var pipeline = new Promotion(client).CheckAsync(upstream.AppName, environment.AppName, cancellation);
            var upstreamState = await ReleasedState.ReadAsync(client, upstream.AppName, cancellation);
            await pipeline;
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
        // Whether the deploy is a fast-forward is asked alongside the changeset read (one history walk each).
        var fastForward = upstream is null && baseline is not null && baseline != target ? FastForwardAsync(baseline, target, cancellation) : null;
        var changeset = await ReadChangesetAsync(baseline, target, environment.AppName, remote, cancellation);
        var wasFastForward = fastForward is null ? null : await fastForward;
        if (upstream is null && changeset.Base is { } released && !changeset.IsEmpty && wasFastForward != true)
        {
            targetFor = await WithRemovedAsync(targetFor, released, target, wasFastForward, cancellation);
        }

        reporter.Verbose($"changeset ({changeset.Commits.Count} commits, {changeset.Files.Count} files) in {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        if (deployBranch is not null)
        {
            var (branch, head) = await deployBranch;
            targetFor = targetFor with { DeployBranch = branch, RemoteHead = head };
        }

        targetFor = targetFor with { ReleasePhaseCommand = await releasePhase };
        if (Journal is not null)
        {
            var journal = await Journal;
            targetFor = targetFor with
            {
                PendingMigrate = journal.FindPending(environment.AppName, StepKind.Migrate),
                PendingCollectstatic = journal.FindPending(environment.AppName, StepKind.Collectstatic),
            };
        }

        if (DeployPlanner.PushCannotBuild(targetFor, changeset))
        {
            targetFor = targetFor with { ReleaseOfTarget = await ReleaseBuiltFromAsync(environment.AppName, target, state.Version, cancellation) };
        }

        var plan = DeployPlanner.Plan(targetFor, sourceRef, changeset, workflow.Deploy, workflow.Commands.Migrate, workflow.Commands.Collectstatic, overrides);
        reporter.Verbose($"planned in {clock.ElapsedMilliseconds} ms");
        return plan;
    }

    /// <summary>Whether <paramref name="released"/> is an ancestor of the target; null when git cannot say (the commit is not here yet).</summary>
    private async Task<bool?> FastForwardAsync(string released, string target, CancellationToken cancellation)
    {
        try
        {
            return await new ChangesetReader(git).IsAncestorAsync(released, target, cancellation);
        }
        catch (ToolException)
        {
            return null;
        }
    }

    /// <summary>
    /// When the target does not contain the released commit, the commits the deploy would remove, and whether it only
    /// goes backwards. <paramref name="fastForward"/> is the answer already had (null: ask git now).
    /// </summary>
    private async Task<DeployTarget> WithRemovedAsync(DeployTarget target, string released, string commit, bool? fastForward, CancellationToken cancellation)
    {
        var reader = new ChangesetReader(git);
        if (fastForward ?? await reader.IsAncestorAsync(released, commit, cancellation))
        {
            return target;
        }

        var behind = reader.IsAncestorAsync(commit, released, cancellation);
        var removed = await reader.ReadRemovedAsync(released, commit, cancellation);
        return target with { Removed = removed, TargetBehindRelease = await behind };
    }

    /// <summary>The newest succeeded release (not the current one) whose slug was built from <paramref name="commit"/>, or null.</summary>
    private async Task<EarlierRelease?> ReleaseBuiltFromAsync(string app, string commit, int? currentVersion, CancellationToken cancellation)
    {
        var releases = await client.ListReleasesAsync(app, 200, ListOrder.Descending, cancellation);
        var commits = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var release in releases)
        {
            if (release.Version == currentVersion || release.Status is not (null or "succeeded") || release.Slug?.Id is not { } slug || release.Id is null)
            {
                continue;
            }

            if (!commits.TryGetValue(slug, out var built))
            {
                built = (await client.GetSlugAsync(app, slug, cancellation)).Commit;
                commits[slug] = built;
            }

            if (string.Equals(built, commit, StringComparison.OrdinalIgnoreCase))
            {
                reporter.Verbose($"{app}'s git is at {commit[..7]} but runs another commit: v{release.Version} was built from it");
                return new EarlierRelease(release.Version, release.Id);
            }
        }

        return null;
    }

    /// <summary>The released commit (null: first deploy, or a release not built from git: every file counts).</summary>
    private async Task<string?> BaselineAsync(Task<ReleasedState> stateTask, string app, CancellationToken cancellation)
    {
        var state = await stateTask.WaitAsync(cancellation);
        if (state.Commit is null && state.HasSlug)
        {
            reporter.Warn($"{app}'s current release v{state.Version} has no commit (not deployed from git?): every file counts as changed");
        }

        return state.Commit;
    }

    /// <summary>
    /// The changeset from the released commit to the target. The released commit is nearly always in the local
    /// repository, so the read starts at once; only when git cannot read it is the commit looked for, fetched
    /// from the app's git remote when missing, and the read repeated (without a baseline if it cannot be had).
    /// </summary>
    private async Task<Changeset> ReadChangesetAsync(string? baseline, string target, string app, HerokuGitRemote remote, CancellationToken cancellation)
    {
        var reader = new ChangesetReader(git);
        if (baseline is null)
        {
            return await reader.ReadResolvedAsync(null, target, cancellation);
        }

        try
        {
            return await reader.ReadResolvedAsync(baseline, target, cancellation);
        }
        catch (ToolException)
        {
            if (await HerokuGitRemote.HasCommitAsync(git, baseline, cancellation))
            {
                throw; // the commit is here: git failed for another reason, which is the message
            }
        }

        if (!await remote.EnsureCommitAsync(git, baseline, cancellation))
        {
            reporter.Warn($"the released commit {baseline[..Math.Min(7, baseline.Length)]} is not in this repository and could not be fetched from {app}: every file counts as changed");
            baseline = null;
        }

        return await reader.ReadResolvedAsync(baseline, target, cancellation);
    }

    /// <summary>The target commit, a behind-upstream warning and the Procfile's release phase at the target.</summary>
    private async Task<(string Target, Task<string?> ReleasePhase)> LocalFactsAsync(string sourceRef, CancellationToken cancellation)
    {
        var branch = await LocalBranchAsync(sourceRef, cancellation);
        var target = branch?.Commit
            ?? await new ChangesetReader(git).ResolveAsync(sourceRef, cancellation)
            ?? throw new ToolException($"'{sourceRef}' is not a branch, tag or commit in this repository", ExitCodes.Usage);
        var releasePhase = ReleasePhaseAsync(target, cancellation);
        if (branch is { Behind: > 0 and var n, Upstream: { } upstream })
        {
            reporter.Warn($"{sourceRef} is {n} commit{(n == 1 ? "" : "s")} behind {upstream}: pull first, or you deploy without them");
        }

        return (target, releasePhase);
    }

    /// <summary>A local branch's commit, upstream and how far behind it that is.</summary>
    internal sealed record LocalBranch(string Commit, string? Upstream, int Behind);

    /// <summary>
    /// When <paramref name="sourceRef"/> names a local branch (the usual case: the environment's branch), its commit
    /// and its standing against its upstream in one git call; null for anything else (a tag, a commit, a remote
    /// branch), which is then resolved as git would. A name that is both a branch and a tag means the branch here.
    /// </summary>
    private async Task<LocalBranch?> LocalBranchAsync(string sourceRef, CancellationToken cancellation)
    {
        var name = sourceRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? sourceRef : "refs/heads/" + sourceRef;
        var r = await git.RunAsync(["for-each-ref", "--format=%(refname)%00%(objectname)%00%(upstream:short)%00%(upstream:track,nobracket)", name], null, cancellation);
        foreach (var line in r.Success ? r.StandardOutput.Split('\n') : [])
        {
            var fields = line.Split('\0');
            if (fields.Length == 4 && fields[0] == name)
            {
                return new LocalBranch(fields[1], fields[2].Length == 0 ? null : fields[2], Behind(fields[3]));
            }
        }

        return null;
    }

    /// <summary>The "behind N" of git's tracking summary ("behind 2", "ahead 1, behind 2", "gone", ""); 0 when absent.</summary>
    internal static int Behind(string track)
    {
        foreach (var part in track.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("behind ", StringComparison.Ordinal)
                && int.TryParse(part.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }

        return 0;
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
}
