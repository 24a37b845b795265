using System.CommandLine;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Schema;
using Npgsql;

namespace HerokuTools.Cli.Data;

/// <summary><c>heroku-tools data rules init ENV</c>: prints a starting data: section from ENV's schema, every line marked for review.</summary>
internal static class DataRulesInitCommand
{
    public static Command Create(CommandContext context)
    {
        var env = new Argument<string>("ENV") { Description = "The environment whose schema to start from (e.g. live)" };
        var command = new Command("init", "Print a starting data: section from an environment's schema (append it to heroku-tools.yml and review it)") { env };
        context.SetAction(command, inv => RunAsync(inv, inv.Get(env)!));
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv, string label)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var environment = workflow.Environment(label);
        var database = await DataEnvironment.DatabaseAsync(inv, environment, workflow.Data?.DatabaseVar ?? HerokuTools.Data.Rules.DataRules.DefaultDatabaseVar);
        await using var connection = await database.OpenAsync(inv.Cancellation);
        var schema = await SchemaReader.ReadAsync(connection, inv.Cancellation);
        // Emails, phones and first names in text, arrays and JSON: a column's contents as well as its name count.
        var contents = await ColumnContentSampler.SampleAsync(connection, schema, inv.Cancellation);

        if (workflow.Data is not null)
        {
            inv.Reporter.Warn($"{Path.GetFileName(workflow.SourcePath)} already has a data: section; compare before replacing it");
        }

        inv.Reporter.Host.Out.Write(RulesSuggester.Suggest(schema, contents));
        inv.Reporter.Note($"{schema.Tables.Count} tables from {environment.Label}; review every line marked REVIEW, then run 'heroku-tools data check {environment.Label}'");
        return ExitCodes.Success;
    }
}
