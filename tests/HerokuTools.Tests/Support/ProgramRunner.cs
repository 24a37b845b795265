using System.Collections;
using HerokuTools.Cli;

namespace HerokuTools.Tests.Support;

/// <summary>Runs the whole program in-process, as a user would from a shell, and captures what it says.</summary>
public static class ProgramRunner
{
    public static Task<ProgramResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? env = null, string stdin = "", params string[] args) =>
        RunAsync(new ProgramRun(workingDirectory, args) { Environment = env, Stdin = stdin });

    /// <summary>Runs the program as described by <paramref name="run"/> (terminal or not, input, environment).</summary>
    public static async Task<ProgramResult> RunAsync(ProgramRun run)
    {
        var (workingDirectory, args) = (run.WorkingDirectory, run.Args);
        var env = run.Environment;
        var stdin = run.Stdin;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment[(string)e.Key] = (string?)e.Value ?? "";
        }

        environment.Remove("HEROKU_API_KEY");
        environment.Remove("NO_COLOR");
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            Out = stdout,
            Error = stderr,
            In = new StringReader(stdin),
            InputIsTerminal = run.Terminal,
            OutputIsTerminal = run.Terminal,
            ErrorIsTerminal = run.Terminal,
            Environment = environment,
            WorkingDirectory = workingDirectory,
        };
        var code = await App.RunAsync(args, host, run.Cancellation ?? TestContext.Current.CancellationToken);
        return new ProgramResult(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<ProgramResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, null, "", args);
}

public sealed record ProgramResult(int ExitCode, string Out, string Error);

/// <summary>One run of the program: where, with what arguments, environment and input, on a terminal or not.</summary>
public sealed record ProgramRun(string WorkingDirectory, params string[] Args)
{
    /// <summary>Variables added to (or replacing) the test process's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string Stdin { get; init; } = "";

    /// <summary>Pretend standard input/output/error are a terminal (prompts allowed, colour on unless NO_COLOR).</summary>
    public bool Terminal { get; init; }

    public CancellationToken? Cancellation { get; init; }
}
