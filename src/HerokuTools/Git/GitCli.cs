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
    private readonly Action<string>? _trace;

    /// <param name="workingDirectory">The repository (or any folder inside it).</param>
    /// <param name="environment">The host's environment; its PATH locates git.</param>
    /// <param name="trace">With --verbose: told each git command's verb, exit code and time (never its arguments).</param>
    public GitCli(string workingDirectory, IReadOnlyDictionary<string, string> environment, Action<string>? trace = null)
    {
        WorkingDirectory = workingDirectory;
        _environment = environment;
        _trace = trace;
        _executable = FindOnPath("git", environment.GetValueOrDefault("PATH"))
            ?? throw new ToolException("git was not found on PATH; install git (e.g. apt-get install git).", ExitCodes.Usage);
    }

    public string WorkingDirectory { get; }

    public async Task<GitResult> RunAsync(IReadOnlyList<string> arguments, GitRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new GitRunOptions();
        var streaming = options.OnOutputLine is not null;
        var stdout = new StringBuilder();
        using var stdoutBytes = new MemoryStream();
        var stderr = new StringBuilder();

        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
        };
        if (!streaming)
        {
            // Unless stdout is a regular file, git log flushes after every commit: 100k commits were 100k pipe writes
            // and as many wake-ups of this reader. Nobody reads buffered output before git exits, so let stdio buffer.
            env["GIT_FLUSH"] = "0";
        }

        foreach (var (key, value) in options.Environment)
        {
            env[key] = value;
        }

        var command = CliWrap.Cli.Wrap(_executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(WorkingDirectory)
            .WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(streaming ? Line(stdout, options.OnOutputLine) : PipeTarget.ToStream(stdoutBytes))
            .WithStandardErrorPipe(Line(stderr, options.OnErrorLine));
        if (options.StandardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(options.StandardInput));
        }

        try
        {
            var clock = _trace is null ? null : System.Diagnostics.Stopwatch.StartNew();
            // Starting a process (fork/exec, pipes) takes a few milliseconds of the caller's thread: on a thread-pool
            // thread the caller goes on meanwhile (the deploy plan starts its git and API questions all at once).
            var result = await Task.Run(async () => await command.ExecuteAsync(cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false);
            _trace?.Invoke($"git {(arguments.Count > 0 ? arguments[0] : "")} -> {result.ExitCode} ({clock!.ElapsedMilliseconds} ms)");
            // Buffered output is decoded once at the end instead of chunk by chunk into a StringBuilder.
            var output = streaming ? stdout.ToString() : Encoding.UTF8.GetString(stdoutBytes.GetBuffer(), 0, (int)stdoutBytes.Length);
            return new GitResult(result.ExitCode, output, stderr.ToString());
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
