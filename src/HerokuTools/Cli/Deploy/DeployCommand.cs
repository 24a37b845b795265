using System.CommandLine;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Git;
using HerokuTools.Output;

namespace HerokuTools.Cli.Deploy;

/// <summary><c>heroku-tools deploy ENV</c>: shows what is in the deployment, asks, then runs the plan.</summary>
internal sealed class DeployCommand
{
    private readonly Argument<string> Environment = new("ENV") { Description = "The environment to deploy to (a label of heroku-tools.yml)" };
    private readonly Option<string?> Branch = new("--branch", "-b") { Description = "Deploy this branch, tag or commit instead of the environment's branch", HelpName = "REF" };
    private readonly Option<bool> DryRun = new("--dry-run", "-n") { Description = "Show the plan and change nothing" };
    private readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask (for CI); protected environments too" };
    private readonly Option<bool> Force = new("--force") { Description = "Force push, overwriting whatever the app's git repository has" };
    private readonly Option<MaintenancePolicy?> Maintenance = new("--maintenance") { Description = "When to switch the maintenance page on (default: deploy.maintenance, auto = when migrations run)", HelpName = "auto|always|never", CustomParser = OptionParsers.Maintenance };
    private readonly Option<bool> Migrate = new("--migrate") { Description = "Run migrations whatever the changeset" };
    private readonly Option<bool> NoMigrate = new("--no-migrate") { Description = "Do not run migrations whatever the changeset" };
    private readonly Option<bool> Collectstatic = new("--collectstatic") { Description = "Run collectstatic whatever the changeset" };
    private readonly Option<bool> NoCollectstatic = new("--no-collectstatic") { Description = "Do not run collectstatic whatever the changeset" };
    private readonly Option<string?> Note = new("--note") { Description = "Text added to the release note", HelpName = "TEXT" };
    private readonly Option<bool> PrintNote = new("--print-note") { Description = "Print the release note (Markdown) after the summary, e.g. to paste it elsewhere" };

    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DeployCommand().Build(context);
    }

    private Command Build(CommandContext context)
    {
        var command = new Command("deploy", "Deploy an environment: show what is in it, ask, push (or promote), migrate, collectstatic, write the release note, tag, notify")
        {
            Environment, Branch, DryRun, Yes, Force, Maintenance, Migrate, NoMigrate, Collectstatic, NoCollectstatic, Note, PrintNote,
        };
        context.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(Invocation inv)
    {
        var overrides = new DeployOverrides
        {
            Maintenance = inv.Get(Maintenance),
            Migrate = Either(inv.Get(Migrate), inv.Get(NoMigrate), "--migrate", "--no-migrate"),
            Collectstatic = Either(inv.Get(Collectstatic), inv.Get(NoCollectstatic), "--collectstatic", "--no-collectstatic"),
            Force = inv.Get(Force),
            Note = inv.Get(Note),
        };
        var workflow = await inv.LoadWorkflowAsync();
        foreach (var warning in workflow.Warnings)
        {
            inv.Reporter.Note(warning.ToWarningString());
        }

        var environment = workflow.Environment(inv.Get(Environment)!);
        var git = inv.Git ?? throw new ToolException("git was not found on PATH; deploy needs it", ExitCodes.Usage);
        // Independent questions asked at once: each git or API round trip is part of the tool's own overhead.
        var journalTask = MaintenanceJournal.OpenWithTopLevelAsync(git, inv.Host.WorkingDirectory, inv.Cancellation);
        using var client = inv.HerokuClient();
        var reporter = inv.Reporter;

        var dryRun = inv.Get(DryRun);
        var deployedByTask = dryRun ? null : DeployedByAsync(git, client, inv.Cancellation);
        var planTask = new DeployPreparer(reporter, git, client, app => HerokuGitRemote.For(inv.Host, app)) { Journal = JournalOf(journalTask) }
            .PrepareAsync(workflow, environment, inv.Get(Branch), overrides, inv.Cancellation);
        var (topLevel, journal) = await journalTask;
        if (topLevel is null)
        {
            await ObserveAsync(planTask);
            await ObserveAsync(deployedByTask);
            throw new ToolException("not inside a git repository; run deploy from the project's repository", ExitCodes.Usage);
        }

        var plan = await planTask;
        if (journal.Find(environment.AppName) is { } stale)
        {
            reporter.Warn(stale.Describe(plan.Target.MaintenanceOn));
        }

        if (!inv.Settings.Json || plan.UpToDate)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (reporter.Rich)
            {
                TerminalStepDisplay.ConsoleOn(inv.Host.Out).Write(DeployPlanView.Build(plan));
            }
            else
            {
                foreach (var line in DeployRenderer.Plan(plan))
                {
                    reporter.Line(line);
                }
            }

            reporter.Verbose($"plan printed in {clock.ElapsedMilliseconds} ms");
        }

        // Webhooks whose variable is not set would only be found after the deploy: say so with the plan.
        var notifier = new DeployNotifier(inv.Host, reporter.Warn);
        if (!plan.UpToDate)
        {
            notifier.WarnAboutUnsetTargets(workflow.Deploy.Notify);
        }

        if (plan.UpToDate || dryRun)
        {
            if (inv.Settings.Json)
            {
                reporter.Json(JsonSerializer.Serialize(DeployDocument.From(plan, dryRun, null), DeployJson.Default.DeployDocument));
            }
            else if (dryRun && !plan.UpToDate)
            {
                reporter.Line("");
                reporter.Line("dry run: nothing was changed");
            }

            await ObserveAsync(deployedByTask);
            return ExitCodes.Success;
        }

        try
        {
            Confirm(inv, plan);
        }
        catch (ToolException)
        {
            await ObserveAsync(deployedByTask);
            throw;
        }

        var deployedBy = await deployedByTask!;
        var services = new DeployServices(reporter, git, client, HerokuGitRemote.For(inv.Host, environment.AppName),
            new OneOffDyno(client, RendezvousTrust.Client(inv.Host)), journal, notifier, topLevel)
        {
            Display = StepDisplay.For(reporter),
        };
        var result = await new DeployExecutor(services, workflow.Deploy).RunAsync(plan, deployedBy, overrides.Note, overrides.Force, inv.Cancellation);

        if (inv.Settings.Json)
        {
            reporter.Json(JsonSerializer.Serialize(DeployDocument.From(plan, false, result), DeployJson.Default.DeployDocument));
        }
        else
        {
            foreach (var line in DeployRenderer.Summary(plan, result))
            {
                reporter.Line(line);
            }

            if (result.ReleaseNotePath is { } note && File.Exists(note))
            {
                reporter.Line($"release note: {inv.DisplayPath(note)}");
                if (inv.Get(PrintNote))
                {
                    reporter.Line("");
                    reporter.Line((await File.ReadAllTextAsync(note, inv.Cancellation)).TrimEnd());
                }
            }
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private void Confirm(Invocation inv, DeployPlan plan)
    {
        var yes = inv.Get(Yes);
        var question = $"Deploy {plan.SourceRef} to {plan.Environment} ({plan.App})?";
        var confirmed = plan.Target.Protected
            ? Confirmation.AskToType(inv.Reporter, $"{plan.Environment} is protected. {question}", plan.App, yes)
            : Confirmation.Ask(inv.Reporter, question, yes);
        if (!confirmed)
        {
            throw new ToolException("deploy not confirmed; nothing was changed");
        }
    }

    private static async Task<MaintenanceJournal> JournalOf(Task<(string? TopLevel, MaintenanceJournal Journal)> opening) => (await opening).Journal;

    /// <summary>Lets a look-up started early finish when its answer is no longer needed (no unobserved failure).</summary>
    private static async Task ObserveAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception e) when (e is ToolException or OperationCanceledException)
        {
            // Not needed any more.
        }
    }

    /// <summary>"Name &lt;email&gt; (heroku: account)": who deployed, for the release note and the webhooks.</summary>
    private static async Task<string> DeployedByAsync(IGit git, Heroku.HerokuClient client, CancellationToken cancellation)
    {
        // One git call for both names, alongside the account look-up.
        var userTask = git.RunAsync(["config", "--get-regexp", @"^user\.(name|email)$"], null, cancellation);
        string? account = null;
        try
        {
            account = (await Task.Run(() => client.GetAccountAsync(cancellation), cancellation)).Email;
        }
        catch (ToolException)
        {
            // Who is logged in is a nicety; a deploy does not fail over it.
        }

        string? name = null, email = null;
        var user = await userTask;
        foreach (var line in user.Success ? user.Lines : [])
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var value = space < 0 ? "" : line[(space + 1)..];
            if (line.StartsWith("user.name", StringComparison.Ordinal))
            {
                name = value;
            }
            else if (line.StartsWith("user.email", StringComparison.Ordinal))
            {
                email = value;
            }
        }

        var who = name is null ? email ?? "unknown" : email is null ? name : $"{name} <{email}>";
        return account is null ? who : $"{who} (heroku: {account})";
    }

    private static bool? Either(bool on, bool off, string onName, string offName) =>
        (on, off) switch
        {
            (true, true) => throw new ToolException($"{onName} and {offName} contradict each other; give one", ExitCodes.Usage),
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
}
