using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Workflow;

namespace HerokuTools.Deploy;

/// <summary>
/// One row of <c>status</c>: what an environment runs and what is waiting to be deployed to it. A null
/// <see cref="Maintenance"/> or <see cref="PendingMigrations"/> means unknown (the app could not be read: see <see cref="Error"/>).
/// </summary>
public sealed record EnvironmentStatus(
    string Environment,
    string App,
    string Branch,
    int? ReleaseVersion,
    string? ReleasedCommit,
    DateTimeOffset? ReleasedAt,
    int? PendingCommits,
    bool? PendingMigrations,
    bool? Maintenance,
    string? Warning,
    string? Error);

/// <summary>Reads the status of environments, all at once.</summary>
public sealed class StatusReader(IGit git, HerokuClient client, Func<string, HerokuGitRemote> remoteFor, MaintenanceJournal journal)
{
    public Task<EnvironmentStatus[]> ReadAsync(WorkflowConfig workflow, IEnumerable<WorkflowEnvironment> environments, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return Task.WhenAll(environments.Select(e => ReadOneAsync(workflow, e, cancellation)));
    }

    private async Task<EnvironmentStatus> ReadOneAsync(WorkflowConfig workflow, WorkflowEnvironment env, CancellationToken cancellation)
    {
        var upstream = workflow.PromotionSource(env);
        var branch = upstream is null ? env.Branch : $"{upstream.Label} release";
        ReleasedState state;
        try
        {
            state = await ReleasedState.ReadAsync(client, env.AppName, cancellation);
        }
        catch (ToolException e)
        {
            return new EnvironmentStatus(env.Label, env.AppName, branch, null, null, null, null, null, null, null, e.Message);
        }

        var warning = journal.Find(env.AppName)?.Describe(state.Maintenance);
        string? head;
        if (upstream is null)
        {
            head = await new ChangesetReader(git).ResolveAsync(env.Branch, cancellation);
        }
        else
        {
            try
            {
                head = (await ReleasedState.ReadAsync(client, upstream.AppName, cancellation)).Commit;
                head = head is not null && await remoteFor(upstream.AppName).EnsureCommitAsync(git, head, cancellation) ? head : null;
            }
            catch (ToolException)
            {
                head = null;
            }
        }

        int? pending = null;
        var migrations = false;
        if (head is not null && state.Commit is not null && await remoteFor(env.AppName).EnsureCommitAsync(git, state.Commit, cancellation))
        {
            var count = await git.RunAsync(["rev-list", "--count", "--no-merges", $"{state.Commit}..{head}"], null, cancellation);
            pending = count.Success && int.TryParse(count.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            if (pending > 0)
            {
                var changes = await new ChangesetReader(git).ReadAsync(state.Commit, head, cancellation);
                migrations = DeployPlanner.Triggered(changes, workflow.Deploy).Any(t => t.Step == StepKind.Migrate);
            }
        }
        else if (head is not null && state.Commit is null)
        {
            var count = await git.RunAsync(["rev-list", "--count", "--no-merges", head], null, cancellation);
            pending = count.Success && int.TryParse(count.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            migrations = true;
        }

        return new EnvironmentStatus(env.Label, env.AppName, branch, state.Version, state.Commit, state.ReleasedAt, pending, pending is null ? null : migrations,
            state.Maintenance, warning, null);
    }
}
