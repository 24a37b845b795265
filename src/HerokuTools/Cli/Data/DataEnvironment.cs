using HerokuTools.Common;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Rules;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Data;

/// <summary>What the data commands share: the rules, and an environment's database (read through the API).</summary>
internal static class DataEnvironment
{
    public static DataRules Rules(WorkflowConfig workflow) =>
        workflow.Data ?? throw new ToolException(
            $"{Path.GetFileName(workflow.SourcePath)} has no data: section; start one with 'heroku-tools data rules init ENV >> heroku-tools.yml' and review it",
            ExitCodes.Usage);

    /// <summary>The app's database URL from its config var (a secret: only ever shown masked).</summary>
    public static async Task<DatabaseTarget> DatabaseAsync(Invocation inv, WorkflowEnvironment environment, string databaseVar)
    {
        var vars = await inv.HerokuClient().GetConfigVarsAsync(environment.AppName, inv.Cancellation);
        if (!vars.TryGetValue(databaseVar, out var url) || string.IsNullOrWhiteSpace(url))
        {
            throw new ToolException($"app {environment.AppName} ({environment.Label}) has no {databaseVar} config var (add Heroku Postgres, or set data.database_var)", ExitCodes.Usage);
        }

        var database = new DatabaseTarget($"{environment.Label} ({environment.AppName})", url);
        inv.Reporter.Verbose($"{environment.Label}: {database.Display}");
        return database;
    }

    /// <summary>Problems as compiler-style lines pointing into heroku-tools.yml when the rule has a line.</summary>
    public static IEnumerable<string> Describe(IEnumerable<HerokuTools.Data.CoverageProblem> problems, Invocation inv, WorkflowConfig workflow)
    {
        var path = inv.DisplayPath(workflow.SourcePath);
        return problems.Select(p => p.Line > 0 ? FormattableString.Invariant($"{path}:{p.Line}: {p.Message}") : p.Message);
    }
}
