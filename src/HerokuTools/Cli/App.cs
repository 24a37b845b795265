using System.CommandLine;
using HerokuTools.Cli.Init;
using HerokuTools.Cli.Sandbox;
using HerokuTools.Cli.Check;
using HerokuTools.Cli.Config;
using HerokuTools.Cli.Deploy;
using HerokuTools.Cli.Maintenance;
using HerokuTools.Cli.Rollback;
using HerokuTools.Cli.Status;
using HerokuTools.Cli.Data;
using HerokuTools.Common;
using HerokuTools.Workflow;

namespace HerokuTools.Cli;

/// <summary>Builds the command tree and runs one invocation; the only place errors are rendered.</summary>
public static class App
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliHost.FromProcess(), CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellation)
    {
        var globals = new GlobalOptions();
        var root = BuildRoot(globals, host);
        var parse = root.Parse(args);

        var config = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,

            // Ctrl-C / SIGTERM cancel the action's token; this long is left for cleanup (e.g. maintenance off).
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };

        var error = host.ErrorIsTerminal && host.GetEnv("NO_COLOR") is null && !parse.GetValue(globals.NoColor)
            ? "\u001b[31merror: \u001b[0m"
            : "error: ";
        if ((parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
            || (parse.Errors.Count == 0 && ParseErrorText.HasOptionLikeArguments(parse)))
        {
            foreach (var line in ParseErrorText.Lines(parse))
            {
                await host.Error.WriteLineAsync($"{error}{line}").ConfigureAwait(false);
            }

            await host.Error.WriteLineAsync($"Run '{Name} {CommandPath(parse)} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(config, cancellation).ConfigureAwait(false);
        }
        catch (WorkflowException e)
        {
            // Compiler style: one "file:line:col: message" line per problem, all of them.
            foreach (var d in e.Diagnostics)
            {
                await host.Error.WriteLineAsync(d.ToString());
            }

            await host.Error.WriteLineAsync($"{error}{e.Diagnostics.Count} problem{(e.Diagnostics.Count == 1 ? "" : "s")} in {e.Diagnostics[0].Path}; nothing was done");
            return e.ExitCode;
        }
        catch (ToolException e)
        {
            await host.Error.WriteLineAsync($"{error}{e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    public const string Name = "heroku-tools";

    internal static Command BuildRoot(GlobalOptions globals, CliHost host)
    {
        // A plain Command named for the tool rather than RootCommand, whose constructor works out the executable's
        // name through Assembly.GetEntryAssembly(): in a native (AOT) build that first reflection costs ~2.5 ms of
        // every start-up. The name is ours anyway; help and version are added as RootCommand would.
        var root = new Command(Name,
            "An opinionated gitflow workflow for Heroku: code moves up dev -> uat -> live, data moves down anonymised, " +
            "config lives in files.\n\n" + ExitCodes.HelpText)
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        globals.AddTo(root);

        root.SetAction(parse => new System.CommandLine.Help.HelpAction().Invoke(parse));

        var context = new CommandContext(globals, host);
        // In the order a user meets them: code up, config, data down, then the setup and the rehearsal stage.
        root.Subcommands.Add(DeployCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(RollbackCommand.Create(context));
        root.Subcommands.Add(MaintenanceCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(SandboxCommand.Create(context));
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (r.Parent is not null)
            {
                names.Add(r.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}

/// <summary>What command builders need to wire an action: the global options and the host.</summary>
internal sealed class CommandContext(GlobalOptions globals, CliHost host)
{
    public GlobalOptions Globals { get; } = globals;
    public CliHost Host { get; } = host;

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="run"/>, handing it an <see cref="Invocation"/>.</summary>
    public void SetAction(Command command, Func<Invocation, Task<int>> run) =>
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                return await run(new Invocation(Host, Globals.Read(parse, Host), parse, cancellation));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // A real SIGINT/SIGTERM cancels only this token, not the one given to App.RunAsync: exit 130 here.
                await Host.Error.WriteLineAsync("interrupted");
                return ExitCodes.Interrupted;
            }
        });
}
