using System.CommandLine;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Cli;

/// <summary>What a command's action receives: the host, the global settings, its parse result, cancellation.</summary>
public sealed class Invocation(CliHost host, GlobalSettings settings, ParseResult parseResult, CancellationToken cancellation)
{
    public CliHost Host { get; } = host;
    public GlobalSettings Settings { get; } = settings;
    public ParseResult ParseResult { get; } = parseResult;
    public CancellationToken Cancellation { get; } = cancellation;
    public Reporter Reporter { get; } = new(host, settings);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    /// <summary>git in the working directory, or null when git is not installed.</summary>
    public IGit? Git => _git ??= GitCli.FindOnPath("git", Host.GetEnv("PATH")) is null
        ? null
        : new GitCli(Host.WorkingDirectory, Host.Environment, Settings.Verbose ? Reporter.Verbose : null);

    private IGit? _git;

    /// <summary>A Platform API client for HEROKU_API_URL with the user's token (HEROKU_API_KEY or ~/.netrc);
    /// with --verbose it logs each request's method, path, status and time (never a token or a body).</summary>
    public HerokuClient HerokuClient() =>
        Heroku.HerokuClient.Create(Host, Settings.Verbose ? Reporter.Verbose : null);

    /// <summary>Finds and validates heroku-tools.yml (--config, current directory, git top level).</summary>
    public async Task<WorkflowConfig> LoadWorkflowAsync()
    {
        var path = await WorkflowFile.FindAsync(Settings.ConfigPath, Host.WorkingDirectory, Git, Cancellation);
        Reporter.Verbose($"workflow: {path}");
        return WorkflowLoader.Load(path, DisplayPath(path));
    }

    /// <summary>A path as the user would write it from the working directory.</summary>
    public string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Host.WorkingDirectory, path);
        return relative.StartsWith("../../../", StringComparison.Ordinal) ? path : relative;
    }
    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);
}
