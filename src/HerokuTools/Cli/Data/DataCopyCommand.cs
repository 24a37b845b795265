using System.CommandLine;
using System.Text;
using HerokuTools.Common;
using HerokuTools.Data;
using HerokuTools.Data.Copy;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Data;

/// <summary><c>heroku-tools data copy FROM TO</c>: replaces TO's database with an anonymised copy of FROM's, atomically.</summary>
internal static class DataCopyCommand
{
    public static Command Create(CommandContext context)
    {
        var from = new Argument<string>("FROM") { Description = "The environment to copy from (e.g. live)" };
        var to = new Argument<string>("TO") { Description = "The environment whose database is replaced (e.g. uat)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the rules against FROM's schema and show the plan; write nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Parallel table streams (default: from the core count)" };
        var backup = new Option<string?>("--backup") { Description = "First save TO's database to FILE with pg_dump -Fc" };
        var tables = new Option<string?>("--tables") { Description = "Refresh only these tables (a,b) in one transaction; every other table stays as it is" };
        var allowUpward = new Option<bool>("--allow-upward") { Description = "Allow copying up the environment list (you must type the target app's name)" };
        var dropDependents = new Option<bool>("--drop-dependents")
        {
            Description = "Also drop TO's objects outside public that depend on its public tables (views, foreign keys in other schemas); without it they refuse the copy",
        };
        var command = new Command("copy", "Replace TO's database with an anonymised copy of FROM's (down the list only; atomic; verified)")
        {
            from, to, dryRun, yes, jobs, backup, tables, allowUpward, dropDependents,
        };
        context.SetAction(command, inv => RunAsync(inv, new Request(inv.Get(from)!, inv.Get(to)!, inv.Get(dryRun), inv.Get(yes), inv.Get(jobs), inv.Get(backup), inv.Get(tables), inv.Get(allowUpward))
        {
            DropDependents = inv.Get(dropDependents),
        }));
        return command;
    }

    private sealed record Request(string From, string To, bool DryRun, bool Yes, int? Jobs, string? Backup, string? Tables, bool AllowUpward)
    {
        public bool DropDependents { get; init; }
    }

    private static async Task<int> RunAsync(Invocation inv, Request request)
    {
        var workflow = await inv.LoadWorkflowAsync();
        var rules = DataEnvironment.Rules(workflow);
        var from = workflow.Environment(request.From);
        var to = workflow.Environment(request.To);
        CheckDirection(inv, workflow, from, to, request);

        var key = inv.Host.GetEnv(rules.KeyEnv) ?? throw new ToolException(
            $"the anonymisation key is missing: set the environment variable {rules.KeyEnv} (data.key_env) to a long random secret", ExitCodes.Usage);
        if (request.Jobs is < 1)
        {
            throw new ToolException("--jobs must be at least 1", ExitCodes.Usage);
        }

        var source = await DataEnvironment.DatabaseAsync(inv, from, rules.DatabaseVar);
        var target = await DataEnvironment.DatabaseAsync(inv, to, rules.DatabaseVar);
        if (source.Url.Host == target.Url.Host && source.Url.Port == target.Url.Port && source.Url.Database == target.Url.Database)
        {
            throw new ToolException($"{from.Label} and {to.Label} share one database; nothing to copy", ExitCodes.Usage);
        }

        var only = request.Tables?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (only is { Length: 0 })
        {
            throw new ToolException("--tables needs at least one table name (a,b)", ExitCodes.Usage);
        }

        var backupFile = request.Backup is null ? null : Path.GetFullPath(request.Backup, inv.Host.WorkingDirectory);
        if (backupFile is not null)
        {
            BackupFile.RefuseExisting(backupFile);
        }

        var question = only is null
            ? $"Replace the database of {to.AppName} ({to.Label}) with an anonymised copy of {from.AppName} ({from.Label})?"
            : $"Replace the rows of {string.Join(", ", only)} in {to.AppName} ({to.Label}) with an anonymised copy of {from.AppName} ({from.Label})'s?";
        if (!request.DryRun && !Confirmation.Ask(inv.Reporter, question, request.Yes))
        {
            throw new ToolException("cancelled; nothing was copied", ExitCodes.Failure);
        }

        using var progress = new CopyProgress(inv.Reporter);
        var options = new DataCopyOptions(rules, Encoding.UTF8.GetBytes(key), source, target)
        {
            DryRun = request.DryRun,
            BackupFile = backupFile,
            Progress = progress,
            Tools = PgTools.Locate(inv.Host.GetEnv("PATH")),
            OnlyTables = only,
            DropDependents = request.DropDependents,
        };
        if (request.Jobs is { } n)
        {
            options = options with { Jobs = n };
        }

        DataCopyResult result;
        try
        {
            inv.Reporter.Note(request.DryRun
                ? $"dry run: checking {from.Label} against the data rules"
                : $"copying {from.Label} ({from.AppName}) -> {to.Label} ({to.AppName}), anonymised, on {options.Jobs} streams");
            result = await new DataCopier(options).RunAsync(inv.Cancellation);
        }
        catch (DataRulesException e)
        {
            foreach (var line in DataEnvironment.Describe(e.Problems, inv, workflow))
            {
                inv.Reporter.Error(line);
            }

            throw;
        }

        progress.Stop();
        CopySummary.Write(inv, result, from, to);
        return ExitCodes.Success;
    }

    private static void CheckDirection(Invocation inv, WorkflowConfig workflow, WorkflowEnvironment from, WorkflowEnvironment to, Request request)
    {
        if (from.Label == to.Label)
        {
            throw new ToolException($"FROM and TO are both {from.Label}", ExitCodes.Usage);
        }

        if (to.Protected)
        {
            throw new ToolException($"{to.Label} ({to.AppName}) is protected; data is never copied into it", ExitCodes.Usage);
        }

        if (workflow.IsAbove(to, from))
        {
            var order = string.Join(" -> ", workflow.Environments.Select(e => e.Label));
            if (!request.AllowUpward)
            {
                throw new ToolException($"data moves down ({order}); copying up from {from.Label} to {to.Label} is refused (--allow-upward overrides)", ExitCodes.Usage);
            }

            if (!inv.Reporter.Host.InputIsTerminal)
            {
                throw new ToolException(
                    $"copying up into {to.Label} needs its app name ({to.AppName}) typed on a terminal, which --yes does not replace; run it from a terminal", ExitCodes.Usage);
            }

            if (!Confirmation.AskToType(inv.Reporter, $"Copy data UP from {from.Label} into {to.Label} ({to.AppName})?", to.AppName, yes: false))
            {
                throw new ToolException("the app name did not match; nothing was copied", ExitCodes.Failure);
            }
        }
    }
}
