using System.Diagnostics;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>
/// A dyno's command as a real process: <c>bash -c COMMAND</c> in its own session and process group (through
/// <c>setsid</c>), stderr merged into stdout, with exactly the given environment.
/// </summary>
internal sealed class DynoProcess : IDisposable
{
    // The outer bash merges stderr into stdout, then becomes `bash -c COMMAND` (same pid, so same group leader).
    private const string MergeThenRun = "exec 2>&1; exec -a bash \"$0\" -c \"$1\"";

    private static readonly Lazy<string> Setsid = new(() => FindOnPath("setsid"));
    private static readonly Lazy<string> Bash = new(() => FindOnPath("bash"));

    /// <summary>GNU env with <c>--default-signal</c> (coreutils 8.31+), or null.</summary>
    private static readonly Lazy<string?> SignalResettingEnv = new(FindSignalResettingEnv);

    private readonly Process _process;

    private DynoProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        Exited = WaitForExitAsync(process);
    }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Id { get; }

    /// <summary>The exit status (128 + signal when killed by a signal).</summary>
    public Task<int> Exited { get; }

    /// <summary>The merged stdout and stderr.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Anything written to stderr before the redirection took effect (normally nothing).</summary>
    public Stream EarlyErrors => _process.StandardError.BaseStream;

    public Stream Input => _process.StandardInput.BaseStream;

    public static DynoProcess Start(DynoSpec spec)
    {
        var info = new ProcessStartInfo(Setsid.Value)
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // An ignored signal stays ignored through exec, and no shell may reset it: the .NET runtime ignores SIGPIPE
        // (so `cmd | head` would see write errors instead of ending quietly), and a sandbox started in the
        // background of a script (`heroku-tools sandbox up &`) ignores SIGINT and SIGQUIT (so Ctrl-C from the
        // client would not reach the command). A dyno starts with default dispositions, as on Heroku.
        if (SignalResettingEnv.Value is { } env)
        {
            info.ArgumentList.Add(env);
            info.ArgumentList.Add("--default-signal=INT,QUIT,PIPE");
        }

        info.ArgumentList.Add(Bash.Value);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(MergeThenRun);
        info.ArgumentList.Add(Bash.Value);
        info.ArgumentList.Add(spec.Command);
        info.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the dyno's process.");
        return new DynoProcess(process);
    }

    public bool Signal(int signal) => ProcessGroup.Signal(Id, signal);

    /// <summary>
    /// Waits (up to 2 s) until the command's shell runs, i.e. setsid has made the process group and env has reset
    /// the signal dispositions: a Ctrl-C sent before that could hit a still-ignored SIGINT and be lost.
    /// </summary>
    public async Task WhenCommandRunsAsync()
    {
        for (var i = 0; i < 400 && !Exited.IsCompleted && InWrapper(); i++)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>True while the process is still setsid or env (from /proc; false where there is none).</summary>
    private bool InWrapper()
    {
        try
        {
            var name = File.ReadAllText($"/proc/{Id}/comm").Trim();
            return name is "setsid" or "env";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string? FindSignalResettingEnv()
    {
        try
        {
            var env = FindOnPath("env");
            var probe = new ProcessStartInfo(env) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            probe.ArgumentList.Add("--default-signal=INT,QUIT");
            probe.ArgumentList.Add("true");
            using var process = Process.Start(probe);
            if (process is null)
            {
                return null;
            }

            process.WaitForExit();
            return process.ExitCode == 0 ? env : null;
        }
        catch (Exception e) when (e is FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{program}' is needed to run dynos and was not found on PATH.");
    }
}
