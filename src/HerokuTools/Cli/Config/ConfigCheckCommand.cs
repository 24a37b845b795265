using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Config;

/// <summary>
/// <c>config check [ENV…]</c>: validates the config files without touching Heroku (for CI): YAML errors, values that
/// are not strings, duplicate keys, malformed <c>${NAME}</c>, missing required keys; each as file:line:col, exit 2.
/// A <c>${NAME}</c> whose variable is not set here is fine (push is where it must be set) unless --require-env.
/// A file in the config folder that no environment reads (a typo like <c>lvie.yml</c>) is a warning, and exit 1.
/// </summary>
internal static class ConfigCheckCommand
{
    private static readonly Argument<string[]> Environments = new("ENV")
    {
        Description = "The environments to check (default: all)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> RequireEnv = new("--require-env")
    {
        Description = "Also demand that every ${NAME} the files use is set in this environment, as push will",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("check", "Validate the config files without touching Heroku; every problem as file:line:col (exit 2 when any; 1 when a file in the folder matches no environment)")
        {
            Environments,
            RequireEnv,
        };
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var labels = inv.Get(Environments) is { Length: > 0 } named
            ? named.Select(l => workflow.Environment(l)).ToList()
            : workflow.Environments.ToList();
        var files = ConfigInputs.Files(inv, workflow);
        var problems = new List<WorkflowDiagnostic>();
        var counts = new List<(string Label, int Keys, IReadOnlyList<string> Unset)>();
        var requireEnv = inv.Get(RequireEnv);
        foreach (var environment in labels)
        {
            var own = new List<WorkflowDiagnostic>();
            var desired = DesiredConfigReader.Read(files, environment.Label, workflow.ConfigVars, own);

            // Every problem at once: the references of the entries that did read are checked even when others did not.
            var unresolved = new List<WorkflowDiagnostic>();
            desired.Resolve(inv.Host.Environment, unresolved);
            if (requireEnv)
            {
                own.AddRange(unresolved);
            }

            problems.AddRange(own);
            counts.Add((environment.Label, desired.Entries.Count, desired.UnsetReferences(inv.Host.Environment)));
        }

        var sorted = ConfigInputs.Sorted(problems);
        if (inv.Settings.Json)
        {
            var strays = StrayConfigFiles.Find(files, workflow.Environments, workflow.SourcePath);
            inv.Reporter.Json(JsonSerializer.Serialize(new ConfigCheckJson(sorted.Count == 0 && strays.Count == 0, labels.Select(l => l.Label).ToList(),
                sorted.Select(p => new ConfigProblemJson(p.Path, p.Line, p.Column, p.Message)).ToList(),
                strays.Select(s => new StrayFileJson(s.Path, s.Suggestion)).ToList()), ConfigJson.Default.ConfigCheckJson));
            return ExitCode(sorted, strays);
        }

        if (sorted.Count == 0)
        {
            foreach (var (label, keys, unset) in counts)
            {
                var needed = unset.Count == 0 ? "" : $"; not set here, needed at push: {string.Join(", ", unset)}";
                inv.Reporter.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{files.Display(files.EnvironmentPath(label))}: ok ({keys} key{(keys == 1 ? "" : "s")} with {ConfigVarsSettings.Common}.yml{needed})"));
            }
        }

        foreach (var problem in sorted)
        {
            inv.Reporter.Note(problem.ToString());
        }

        var found = ConfigInputs.WarnAboutStrays(inv, workflow, files);
        if (ConfigCheckSummary.Text(sorted, found) is { } summary)
        {
            inv.Reporter.Error(summary);
        }

        return ExitCode(sorted, found);
    }

    /// <summary>2 for a problem in a file that is read; 1 (a CI gate) when the only trouble is a file no environment reads.</summary>
    private static int ExitCode(IReadOnlyList<WorkflowDiagnostic> problems, IReadOnlyList<StrayConfigFile> strays) =>
        problems.Count > 0 ? ExitCodes.Usage : strays.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
}
