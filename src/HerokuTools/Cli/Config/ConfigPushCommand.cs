using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Output;

namespace HerokuTools.Cli.Config;

/// <summary>
/// <c>config push ENV [--prune] [--dry-run] [--yes]</c>: shows the plan, confirms (a protected environment asks for
/// the app name), applies every set and unset in one PATCH (one release), then reads the app back and verifies.
/// </summary>
internal static class ConfigPushCommand
{
    private static readonly Argument<string> Environment = new("ENV") { Description = "The environment to push to" };

    private static readonly Option<bool> Prune = new("--prune")
    {
        Description = "Also unset keys that are on the app but in no file (never add-on vars)",
    };

    private static readonly Option<bool> DryRun = new("--dry-run", "-n") { Description = "Show the plan and stop" };

    private static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask for confirmation" };

    private static readonly Option<bool> ShowValues = ConfigCommand.ShowValuesOption();

    public static Command Create(CommandContext context)
    {
        var command = new Command("push", "Make the app's config vars what the files say, in one release (asks first; --dry-run shows the plan only)")
        {
            Environment,
            Prune,
            DryRun,
            Yes,
            ShowValues,
        };
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var environment = workflow.Environment(inv.Get(Environment)!);
        var (desired, resolved) = ConfigInputs.Desired(inv, workflow, environment);
        var values = new ValueDisplay(inv.Get(ShowValues));
        var dryRun = inv.Get(DryRun);

        using var client = inv.HerokuClient();
        var actual = await AppConfig.ReadAsync(client, environment.AppName, inv.Cancellation);
        var plan = ConfigPushPlan.From(ConfigDiff.Compute(environment.Label, desired.Files, resolved, actual), inv.Get(Prune));

        inv.Reporter.Line($"{environment.Label}: {string.Join(" + ", desired.Files)} -> app {environment.AppName}");
        foreach (var line in ConfigRenderer.Plan(plan, values))
        {
            inv.Reporter.Line(line);
        }

        if (plan.IsEmpty || dryRun)
        {
            inv.Reporter.Line(plan.IsEmpty ? $"nothing to push: {environment.AppName} matches the files" : "dry run: nothing was changed");
            WriteJson(inv, plan, values, dryRun, applied: false, release: null);
            return ExitCodes.Success;
        }

        var changes = Count(plan.ChangeCount, "change");
        var question = $"Push {changes} to {environment.AppName} ({environment.Label}) in one release?";
        var confirmed = environment.Protected
            ? Confirmation.AskToType(inv.Reporter, $"{environment.Label} is protected. {question}", environment.AppName, inv.Get(Yes))
            : Confirmation.Ask(inv.Reporter, question, inv.Get(Yes));
        if (!confirmed)
        {
            inv.Reporter.Note("not confirmed; nothing was changed");
            return ExitCodes.Failure;
        }

        var outcome = await ConfigPusher.ApplyAsync(client, plan, inv.Cancellation);
        var release = outcome.ReleaseVersion is { } v ? string.Create(CultureInfo.InvariantCulture, $" as release v{v}") : "";
        inv.Reporter.Line($"pushed {changes} to {environment.AppName}{release}; verified: the app matches the plan");
        WriteJson(inv, plan, values, dryRun: false, applied: true, outcome.ReleaseVersion);
        return ExitCodes.Success;
    }

    private static void WriteJson(Invocation inv, ConfigPushPlan plan, ValueDisplay values, bool dryRun, bool applied, int? release)
    {
        if (!inv.Settings.Json)
        {
            return;
        }

        var sets = plan.Sets.ToDictionary(s => s.Key, s => values.Show(s.Value), StringComparer.Ordinal);
        inv.Reporter.Json(JsonSerializer.Serialize(
            new PushJson(plan.Environment, plan.App, dryRun, applied, release, sets, plan.Unsets, plan.Kept, applied),
            ConfigJson.Default.PushJson));
    }

    private static string Count(int n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? "" : "s")}");
}
