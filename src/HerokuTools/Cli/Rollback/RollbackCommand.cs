using System.CommandLine;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Output;

namespace HerokuTools.Cli.Rollback;

/// <summary>
/// <c>heroku-tools rollback ENV [--to VERSION]</c>: a new release with an earlier release's code and config (Platform
/// API). Shows the commits being rolled back and warns when they contain migrations (the database stays as it is).
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CommandContext context)
    {
        var environment = new Argument<string>("ENV") { Description = "The environment (a label of heroku-tools.yml)" };
        var to = new Option<int?>("--to") { Description = "The release version to go back to, as 3 or v3 (default: the one before the current)", HelpName = "VERSION", CustomParser = OptionParsers.ReleaseVersion };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Show what would be rolled back and change nothing" };
        var command = new Command("rollback", "Roll an environment back to an earlier release (code and config; not the database)") { environment, to, yes, dryRun };
        context.SetAction(command, async inv =>
        {
            var workflow = await inv.LoadWorkflowAsync();
            var env = workflow.Environment(inv.Get(environment)!);
            using var client = inv.HerokuClient();
            var current = await client.GetCurrentReleaseAsync(env.AppName, inv.Cancellation)
                ?? throw new ToolException($"{env.AppName} has no release to roll back");
            var releases = await client.ListReleasesAsync(env.AppName, 200, ListOrder.Descending, inv.Cancellation);
            var target = RollbackTarget.Choose(releases, current.Version, inv.Get(to));

            var fromCommit = await CommitOfAsync(client, env.AppName, current, inv.Cancellation);
            var toCommit = await CommitOfAsync(client, env.AppName, target, inv.Cancellation);
            IReadOnlyList<CommitInfo> commits = [];
            List<string> migrations = [];
            var rangeKnown = false;
            if (inv.Git is { } git && fromCommit is not null && toCommit is not null)
            {
                var remote = HerokuGitRemote.For(inv.Host, env.AppName);
                if (await remote.EnsureCommitAsync(git, fromCommit, inv.Cancellation) && await remote.EnsureCommitAsync(git, toCommit, inv.Cancellation))
                {
                    rangeKnown = true;
                    // What goes away: the commits in the current release that the target does not have.
                    var changes = await new ChangesetReader(git).ReadAsync(toCommit, fromCommit, inv.Cancellation);
                    commits = changes.Commits;
                    migrations = DeployPlanner.Triggered(changes, workflow.Deploy).Where(t => t.Step == StepKind.Migrate).Select(t => t.Path).ToList();
                }
            }

            var r = inv.Reporter;
            r.Line(FormattableString.Invariant($"Roll back {env.Label} ({env.AppName}) from v{current.Version} ({Short(fromCommit)}) to v{target.Version} ({Short(toCommit)})"));
            if (commits.Count > 0)
            {
                r.Line(FormattableString.Invariant($"{commits.Count} commit(s) rolled back:"));
                foreach (var c in commits)
                {
                    r.Line($"  {c.ShortSha} {c.Subject} ({c.AuthorName})");
                }
            }

            if (migrations.Count > 0)
            {
                r.Warn($"the commits rolled back contain migrations ({string.Join(", ", migrations)}); the database is NOT rolled back: the old code will run against the new schema");
            }
            else if (!rangeKnown)
            {
                r.Warn(RangeUnknown(target.Version, fromCommit, toCommit));
            }

            var isDryRun = inv.Get(dryRun);
            int? newVersion = null;
            if (!isDryRun)
            {
                var question = FormattableString.Invariant($"Roll {env.Label} back to v{target.Version}?");
                var confirmed = env.Protected
                    ? Confirmation.AskToType(r, $"{env.Label} is protected. {question}", env.AppName, inv.Get(yes))
                    : Confirmation.Ask(r, question, inv.Get(yes));
                if (!confirmed)
                {
                    throw new ToolException("rollback not confirmed; nothing was changed");
                }

                newVersion = (await client.RollbackAsync(env.AppName, target.Id!, inv.Cancellation)).Version;
                r.Line(FormattableString.Invariant($"Rolled back {env.Label} ({env.AppName}) to v{target.Version}: now v{newVersion}"));
            }

            if (inv.Settings.Json)
            {
                r.Json(JsonSerializer.Serialize(new RollbackDocument(env.Label, env.AppName, current.Version, target.Version, newVersion, fromCommit, toCommit,
                    commits.Select(c => new JsonCommit(c.Sha, c.AuthorName, c.Subject)).ToList(), migrations, isDryRun), DeployJson.Default.RollbackDocument));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string?> CommitOfAsync(HerokuClient client, string app, Heroku.Models.Release release, CancellationToken cancellation) =>
        release.Slug?.Id is { } slug ? (await client.GetSlugAsync(app, slug, cancellation)).Commit : null;

    private static string Short(string? sha) => sha is null ? "no code" : sha[..Math.Min(7, sha.Length)];

    /// <summary>Why the commits rolled back cannot be listed, and what that means for the database.</summary>
    internal static string RangeUnknown(int targetVersion, string? fromCommit, string? toCommit)
    {
        var why = (fromCommit, toCommit) switch
        {
            (_, null) => FormattableString.Invariant($"v{targetVersion} has no code (no slug): all the code deployed since is removed"),
            (null, _) => "the current release has no commit to compare with",
            _ => "the commits could not be read from git here",
        };
        return $"{why}; the range of commits rolled back is unknown, so whether it holds migrations is unknown too; the database is NOT rolled back";
    }
}
