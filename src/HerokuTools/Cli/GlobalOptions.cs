using System.CommandLine;

namespace HerokuTools.Cli;

/// <summary>The options every command accepts, declared once on the root command (recursive).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Path to heroku-tools.yml (default: found in the current directory or the git top level)",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to standard output",
        Recursive = true,
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "No colour or terminal formatting (also: NO_COLOR environment variable)",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Say more about what is happening (never prints secrets)",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(Json);
        root.Options.Add(NoColor);
        root.Options.Add(Verbose);
    }

    public GlobalSettings Read(ParseResult result, CliHost host) => new(
        ConfigPath: result.GetValue(Config),
        Json: result.GetValue(Json),
        Color: !result.GetValue(NoColor) && host.GetEnv("NO_COLOR") is null && host.OutputIsTerminal,
        Verbose: result.GetValue(Verbose));
}

/// <summary>The values of the global options for one invocation.</summary>
public sealed record GlobalSettings(string? ConfigPath, bool Json, bool Color, bool Verbose);
