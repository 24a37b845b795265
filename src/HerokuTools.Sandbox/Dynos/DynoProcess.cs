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

    public void Dispose() => _process.Dispose();

    private static async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
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
