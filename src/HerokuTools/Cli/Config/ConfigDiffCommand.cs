using System.CommandLine;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.ConfigVars;
using HerokuTools.Output;

namespace HerokuTools.Cli.Config;

/// <summary>
/// <c>config diff ENV</c>: the files against the app (exit 0 in sync, 1 differences, 2 errors); a table on a terminal.
/// <c>config diff ENV1 ENV2</c>: two apps' actual configs side by side (exit 1 on unexpected differences).
/// </summary>
internal static class ConfigDiffCommand
{
    private static readonly Argument<string[]> Environments = new("ENV")
    {
        Description = "One environment (files against its app), or two (their apps against each other)",
        Arity = new ArgumentArity(1, 2),
    };

    private static readonly Option<bool> ShowValues = ConfigCommand.ShowValuesOption();

    public static Command Create(CommandContext context)
    {
        var command = new Command("diff",
            "Compare the files with the app (= same, ! different, + only in the files, ? only on the app, - must not be set, @ add-on), " +
            "or two apps with each other; exit 1 when they differ")
        {
            Environments,
            ShowValues,
        };
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        var labels = inv.Get(Environments) ?? [];
        var workflow = await inv.LoadWorkflowAsync();
        var values = new ValueDisplay(inv.Get(ShowValues));
        if (labels.Length == 2)
        {
            return await CompareAsync(inv, workflow, labels[0], labels[1], values);
        }

        var environment = workflow.Environment(labels[0]);
        var (desired, resolved) = ConfigInputs.Desired(inv, workflow, environment);
        using var client = inv.HerokuClient();
        var actual = await AppConfig.ReadAsync(client, environment.AppName, inv.Cancellation);
        var diff = ConfigDiff.Compute(environment.Label, desired.Files, resolved, actual);

        if (inv.Settings.Json)
        {
            var entries = diff.Entries.Select(e => new DiffEntryJson(e.Key, e.Marker.ToString(), StatusName(e.Status),
                e.Desired is null ? null : values.Show(e.Desired), e.Actual is null ? null : values.Show(e.Actual), e.ManagedBy)).ToList();
            inv.Reporter.Json(JsonSerializer.Serialize(new DiffJson(diff.Environment, diff.App, diff.Files, diff.InSync, entries), ConfigJson.Default.DiffJson));
        }
        else if (inv.Reporter.Rich)
        {
            inv.Reporter.Line(ConfigRenderer.Heading(diff));
            TableWriter.Write(inv.Reporter, ConfigRenderer.DiffHeaders, ConfigRenderer.DiffRows(diff, values));
            inv.Reporter.Line(ConfigRenderer.Summary(diff));
        }
        else
        {
            foreach (var line in ConfigRenderer.Diff(diff, values))
            {
                inv.Reporter.Line(line);
            }
        }

        return diff.InSync ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<int> CompareAsync(Invocation inv, Workflow.WorkflowConfig workflow, string first, string second, ValueDisplay values)
    {
        var a = workflow.Environment(first);
        var b = workflow.Environment(second);
        if (a.Label == b.Label)
        {
            throw new ToolException($"'config diff {first} {second}' compares an environment with itself; name two different ones", ExitCodes.Usage);
        }

        using var client = inv.HerokuClient();
        var (configA, configB) = await AppConfig.ReadBothAsync(client, a.AppName, b.AppName, inv.Cancellation);
        var comparison = EnvironmentComparison.Compute(a.Label, configA, b.Label, configB, workflow.ConfigVars.ExpectedDifferences);
        if (inv.Settings.Json)
        {
            var entries = comparison.Entries.Select(e => new ComparisonEntryJson(e.Key, CompareName(e.Status), e.Expected,
                e.First is null ? null : values.Show(e.First), e.Second is null ? null : values.Show(e.Second), e.ManagedBy)).ToList();
            inv.Reporter.Json(JsonSerializer.Serialize(new ComparisonJson(a.Label, a.AppName, b.Label, b.AppName,
                comparison.HasUnexpectedDifferences, entries), ConfigJson.Default.ComparisonJson));
        }
        else
        {
            foreach (var line in ConfigRenderer.Comparison(comparison, values))
            {
                inv.Reporter.Line(line);
            }
        }

        return comparison.HasUnexpectedDifferences ? ExitCodes.Failure : ExitCodes.Success;
    }

    internal static string StatusName(DiffStatus status) => status switch
    {
        DiffStatus.Same => "same",
        DiffStatus.Different => "different",
        DiffStatus.OnlyInFiles => "only_in_files",
        DiffStatus.OnlyOnApp => "only_on_app",
        DiffStatus.MustBeAbsent => "must_not_be_set",
        _ => "managed",
    };

    private static string CompareName(CompareStatus status) => status switch
    {
        CompareStatus.Same => "same",
        CompareStatus.Different => "different",
        CompareStatus.OnlyInFirst => "only_in_first",
        CompareStatus.OnlyInSecond => "only_in_second",
        _ => "managed",
    };
}
