using System.CommandLine;

namespace HerokuTools.Cli.Config;

/// <summary><c>heroku-tools config</c>: each environment's config vars kept as files, diffed, pushed and pulled on purpose.</summary>
internal static class ConfigCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("config", "Config vars kept as files (config/common.yml + config/ENV.yml): diff, push, pull, check");
        command.Subcommands.Add(ConfigDiffCommand.Create(context));
        command.Subcommands.Add(ConfigPushCommand.Create(context));
        command.Subcommands.Add(ConfigPullCommand.Create(context));
        command.Subcommands.Add(ConfigCheckCommand.Create(context));
        return command;
    }

    public static Option<bool> ShowValuesOption() => new("--show-values")
    {
        Description = "Show values instead of masking them as length and a short hash",
    };
}
