using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Config;

/// <summary>
/// <c>config pull ENV [--force]</c>: writes config/ENV.yml from the app (add-on vars left out). An existing file
/// is only updated with --force, and then in place: its comments and key order stay.
/// </summary>
internal static class ConfigPullCommand
{
    private static readonly Argument<string> Environment = new("ENV") { Description = "The environment whose app is read" };

    private static readonly Option<bool> Force = new("--force", "-f")
    {
        Description = "Update an existing file (in place: comments and key order are kept)",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("pull", "Write config/ENV.yml from the app's config vars (add-on vars left out)")
        {
            Environment,
            Force,
        };
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var environment = workflow.Environment(inv.Get(Environment)!);
        var files = ConfigInputs.Files(inv, workflow);
        var path = files.EnvironmentPath(environment.Label);
        var display = files.Display(path);
        var exists = File.Exists(path);
        if (exists && !inv.Get(Force))
        {
            throw new ToolException($"{display} exists; pass --force to update it (its comments and key order are kept)", ExitCodes.Usage);
        }

        var problems = new List<WorkflowDiagnostic>();
        var common = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        if (File.Exists(files.CommonPath))
        {
            foreach (var entry in ConfigFileReader.Read(files.CommonPath, files.Display(files.CommonPath), problems))
            {
                common[entry.Key] = entry;
            }
        }

        var existingText = exists ? await File.ReadAllTextAsync(path, inv.Cancellation) : null;
        var existing = existingText is null ? null : ConfigFileReader.Parse(existingText, display, problems);
        if (problems.Count > 0)
        {
            throw new WorkflowException(ConfigInputs.Sorted(problems));
        }

        var commonValues = new DesiredConfig(common, []).Resolve(inv.Host.Environment, problems);
        var unresolved = problems.Select(p => p.Message).ToList();
        var resolvable = commonValues.Where(kv => !Unresolved(common[kv.Key], inv.Host.Environment))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        using var client = inv.HerokuClient();
        var app = await AppConfig.ReadAsync(client, environment.AppName, inv.Cancellation);
        var plan = ConfigPullPlan.Make(app, common, resolvable, existing);

        var text = existingText is null ? null : ConfigFileWriter.Update(existingText, plan.Target);
        var rewritten = existingText is not null && text is null;
        text ??= ConfigFileWriter.Create(plan.Target, [$"Config vars of {environment.Label} (app {environment.AppName}), written by 'heroku-tools config pull {environment.Label}'."]);
        await PrivateFile.WriteAsync(path, text, inv.Cancellation);

        foreach (var note in plan.Notes)
        {
            inv.Reporter.Note($"note: {note}");
        }

        if (rewritten)
        {
            inv.Reporter.Warn($"{display} was rewritten: its layout could not be edited in place, so its comments are gone");
        }

        var managed = plan.ManagedLeftOut == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {plan.ManagedLeftOut} add-on var{(plan.ManagedLeftOut == 1 ? "" : "s")} left out");
        inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture,
            $"{(exists ? "updated" : "wrote")} {display} from app {environment.AppName}: {plan.Target.Count} key{(plan.Target.Count == 1 ? "" : "s")}{managed}"));
        if (inv.Settings.Json)
        {
            inv.Reporter.Json(JsonSerializer.Serialize(
                new PullJson(environment.Label, environment.AppName, display, !exists, plan.Target.Count, plan.ManagedLeftOut, plan.Notes),
                ConfigJson.Default.PullJson));
        }

        return ExitCodes.Success;
    }

    private static bool Unresolved(ConfigEntry entry, IReadOnlyDictionary<string, string> environment) =>
        entry.Template is not null && ValueTemplate.References(entry.Template).Any(name => !environment.ContainsKey(name));
}
