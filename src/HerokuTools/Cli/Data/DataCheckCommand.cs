using System.CommandLine;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Schema;

namespace HerokuTools.Cli.Data;

/// <summary><c>heroku-tools data check [ENV]</c>: the fail-closed validation of the rules against an environment's schema (a CI gate).</summary>
internal static class DataCheckCommand
{
    public static Command Create(CommandContext context)
    {
        var env = new Argument<string?>("ENV") { Description = "The environment whose schema to check (default: the top one, e.g. live)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("check", "Check that the data: rules cover every table and column of an environment's database (exit 1 when not)") { env };
        context.SetAction(command, inv => RunAsync(inv, inv.Get(env)));
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv, string? label)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var rules = DataEnvironment.Rules(workflow);
        var environment = label is null ? workflow.Environments[0] : workflow.Environment(label);
        var database = await DataEnvironment.DatabaseAsync(inv, environment, rules.DatabaseVar);
        DatabaseSchema schema;
        CopyPlan? plan;
        IReadOnlyList<CoverageProblem> problems;
        await using (var connection = await database.OpenAsync(inv.Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, inv.Cancellation))
        {
            schema = await SchemaReader.ReadAsync(connection, inv.Cancellation);
            (plan, problems) = CopyPlanner.Plan(rules, schema);
            if (plan is not null && await RuleProbe.CheckAsync(plan, connection, inv.Cancellation) is { Count: > 0 } unworkable)
            {
                (plan, problems) = (null, unworkable);
            }
        }

        var lines = DataEnvironment.Describe(problems, inv, workflow).ToList();
        if (inv.Settings.Json)
        {
            inv.Reporter.Json(JsonSerializer.Serialize(new DataCheckResult(problems.Count == 0, environment.Label, schema.Tables.Count, lines), DataJson.Default.DataCheckResult));
        }
        else if (plan is not null)
        {
            var masked = plan.Tables.Sum(t => t.Columns.Count(c => c.Rule.IsMasked));
            inv.Reporter.Line($"data rules cover {environment.Label}: {schema.Tables.Count} tables, {plan.Tables.Sum(t => t.Columns.Count)} columns ({masked} masked, {plan.Tables.Count(t => t.Skip)} tables skipped)");
        }
        else
        {
            foreach (var line in lines)
            {
                inv.Reporter.Error(line);
            }

            inv.Reporter.Note($"{problems.Count} problem{(problems.Count == 1 ? "" : "s")}: the data rules do not cover {environment.Label}'s database; a copy would be refused");
        }

        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}

internal sealed record DataCheckResult(bool Ok, string Environment, int Tables, IReadOnlyList<string> Problems);
