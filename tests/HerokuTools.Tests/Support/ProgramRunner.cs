using System.Collections;
using HerokuTools.Cli;

namespace HerokuTools.Tests.Support;

/// <summary>Runs the whole program in-process, as a user would from a shell, and captures what it says.</summary>
public static class ProgramRunner
{
    public static async Task<ProgramResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? env = null, string stdin = "", params string[] args)
    {
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
            Environment = environment,
            WorkingDirectory = workingDirectory,
        };
        var code = await App.RunAsync(args, host, TestContext.Current.CancellationToken);
        return new ProgramResult(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<ProgramResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, null, "", args);
}

public sealed record ProgramResult(int ExitCode, string Out, string Error);
