using System.CommandLine;

namespace HerokuTools.Cli.Data;

/// <summary><c>heroku-tools data</c>: copy databases down the environments, anonymised; check and start the rules.</summary>
internal static class DataCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("data", "Copy the database down the environments (live -> uat -> dev), anonymised by the data: rules");
        command.Subcommands.Add(DataCopyCommand.Create(context));
        command.Subcommands.Add(DataCheckCommand.Create(context));
        var rules = new Command("rules", "Work with the data: rules");
        rules.Subcommands.Add(DataRulesInitCommand.Create(context));
        command.Subcommands.Add(rules);
        return command;
    }
}
