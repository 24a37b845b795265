using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Output;
using HerokuTools.Deploy;

namespace HerokuTools.Cli.Status;

/// <summary><c>heroku-tools status [ENV...]</c>: what each environment runs and what is waiting for it.</summary>
internal static class StatusCommand
{
    private static readonly string[] Headers = ["ENV", "APP", "BRANCH", "RELEASE", "COMMIT", "AGE", "PENDING", "MAINTENANCE"];

    public static Command Create(CommandContext context)
    {
        var environments = new Argument<string[]>("ENV") { Description = "Environments to show (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("status", "What each environment runs (release, commit, age), what is pending (commits, migrations), maintenance") { environments };
        context.SetAction(command, async inv =>
        {
            var workflow = await inv.LoadWorkflowAsync();
            var labels = inv.Get(environments) ?? [];
            var chosen = labels.Length == 0 ? workflow.Environments : labels.Select(workflow.Environment).ToList();
            var git = inv.Git ?? throw new ToolException("git was not found on PATH; status needs it", ExitCodes.Usage);
            using var client = inv.HerokuClient();
            var journal = await MaintenanceJournal.OpenAsync(git, inv.Host.WorkingDirectory, inv.Cancellation);
            var rows = await new StatusReader(git, client, app => HerokuGitRemote.For(inv.Host, app), journal)
                .ReadAsync(workflow, chosen, inv.Cancellation);

            if (inv.Settings.Json)
            {
                inv.Reporter.Json(JsonSerializer.Serialize(new StatusDocument(rows), DeployJson.Default.StatusDocument));
            }
            else
            {
                TableWriter.Write(inv.Reporter, Headers, Rows(rows, DateTimeOffset.UtcNow));

                foreach (var row in rows.Where(r => r.Warning is not null))
                {
                    inv.Reporter.Warn($"{row.Environment}: {row.Warning}");
                }

                foreach (var row in rows.Where(r => r.Error is not null))
                {
                    inv.Reporter.Error($"{row.Environment}: {row.Error}");
                }
            }

            return rows.Any(r => r.Error is not null) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    internal static IEnumerable<string> Render(IReadOnlyList<EnvironmentStatus> rows, DateTimeOffset now) =>
        TableWriter.Plain(Headers, Rows(rows, now));

    private static List<IReadOnlyList<string>> Rows(IReadOnlyList<EnvironmentStatus> rows, DateTimeOffset now)
    {
        var table = new List<IReadOnlyList<string>>();
        foreach (var r in rows)
        {
            table.Add(new[]
            {
                r.Environment, r.App, r.Branch,
                r.ReleaseVersion is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : "-",
                r.ReleasedCommit is { } c ? c[..Math.Min(7, c.Length)] : "-",
                r.ReleasedAt is { } at ? Age(now - at) : "-",
                r.PendingCommits is { } n ? n.ToString(CultureInfo.InvariantCulture) + (n > 0 && r.PendingMigrations == true ? " (migrations)" : "") : "?",
                r.Maintenance switch
                {
                    null => "?",
                    true => "ON" + (r.Warning is null ? "" : " (stale)"),
                    false => r.Warning is null ? "off" : "off (stale journal)",
                },
            });
        }

        return table;
    }

    private static string Age(TimeSpan age) => age.TotalMinutes < 1 ? "just now"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
        : $"{(int)age.TotalDays}d";
}
