using System.CommandLine;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Output;

namespace HerokuTools.Cli.Maintenance;

/// <summary><c>heroku-tools maintenance on|off ENV</c>: the maintenance page; off also clears a stale deploy journal.</summary>
internal static class MaintenanceCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("maintenance", "Switch an environment's maintenance page on or off (off also clears what an interrupted deploy left in the journal)");
        command.Subcommands.Add(Verb(context, on: true));
        command.Subcommands.Add(Verb(context, on: false));
        return command;
    }

    private static Command Verb(CommandContext context, bool on)
    {
        var environment = new Argument<string>("ENV") { Description = "The environment (a label of heroku-tools.yml)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask (protected environments ask before maintenance on)" };
        var command = new Command(on ? "on" : "off", on ? "Show the maintenance page" : "Serve the app again") { environment };
        if (on)
        {
            command.Options.Add(yes);
        }

        context.SetAction(command, async inv =>
        {
            var workflow = await inv.LoadWorkflowAsync();
            var env = workflow.Environment(inv.Get(environment)!);
            if (on && env.Protected && !Confirmation.AskToType(inv.Reporter, $"Switch maintenance on for {env.Label} ({env.AppName})?", env.AppName, inv.Get(yes)))
            {
                throw new ToolException("not confirmed; nothing was changed");
            }

            using var client = inv.HerokuClient();
            var app = await client.SetMaintenanceAsync(env.AppName, on, inv.Cancellation);
            if (!on && inv.Git is { } git)
            {
                var journal = await MaintenanceJournal.OpenAsync(git, inv.Host.WorkingDirectory, inv.Cancellation);
                if (journal.Find(env.AppName) is { } entry)
                {
                    journal.Clear(env.AppName);
                    inv.Reporter.Note(FormattableString.Invariant($"cleared the journal entry of the deploy that switched maintenance on at {entry.At:yyyy-MM-dd HH:mm:ss zzz}"));
                }
            }

            inv.Reporter.Line($"maintenance {(app.Maintenance ? "on" : "off")}: {env.Label} ({env.AppName})");
            return ExitCodes.Success;
        });
        return command;
    }
}
