using System.Text;
using CliWrap;
using HerokuTools.Common;

namespace HerokuTools.Git;

/// <summary>
/// Runs the git executable through CliWrap. Git never prompts (GIT_TERMINAL_PROMPT=0), and secrets are passed only
/// through the environment (<see cref="GitAuth"/>), never as arguments.
/// </summary>
public sealed class GitCli : IGit
{
    private readonly string _executable;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="workingDirectory">The repository (or any folder inside it).</param>
    /// <param name="environment">The host's environment; its PATH locates git.</param>
    public GitCli(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        WorkingDirectory = workingDirectory;
        _environment = environment;
        _executable = FindOnPath("git", environment.GetValueOrDefault("PATH"))
            ?? throw new ToolException("git was not found on PATH; install git (e.g. apt-get install git).", ExitCodes.Usage);
    }

    public string WorkingDirectory { get; }

    public async Task<GitResult> RunAsync(IReadOnlyList<string> arguments, GitRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new GitRunOptions();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();

        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
        };
        foreach (var (key, value) in options.Environment)
        {
            env[key] = value;
        }

        var command = CliWrap.Cli.Wrap(_executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(WorkingDirectory)
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(Line(stdout, options.OnOutputLine))
            .WithStandardErrorPipe(Line(stderr, options.OnErrorLine));
        if (options.StandardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(options.StandardInput));
        }

        try
        {
            var result = await command.ExecuteAsync(cancellation).ConfigureAwait(false);
            return new GitResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"could not run git ({_executable}): {e.Message}", ExitCodes.Failure, e);
        }
    }

    private static PipeTarget Line(StringBuilder buffer, Action<string>? onLine) =>
        onLine is null
            ? PipeTarget.ToStringBuilder(buffer)
            : PipeTarget.Merge(PipeTarget.ToStringBuilder(buffer), PipeTarget.ToDelegate(onLine));

    internal static string? FindOnPath(string name, string? path)
    {
        foreach (var dir in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
