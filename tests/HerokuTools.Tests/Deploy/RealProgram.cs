using System.Diagnostics;
using System.Text;

namespace HerokuTools.Tests.Deploy;

/// <summary>The built heroku-tools.dll run as a real child process (<c>dotnet heroku-tools.dll ...</c>), for what
/// only a real process shows: signals, being killed outright. Output is collected as it comes.</summary>
internal sealed class RealProgram : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private RealProgram(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static RealProgram Start(DeployProject p, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Through env(1) with default signal dispositions: a test run started in the background of a script ignores
        // SIGINT, the program would inherit that (and rightly keep ignoring it), and the signal tests would hang.
        var psi = new ProcessStartInfo("env")
        {
            WorkingDirectory = p.Repo.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add("--default-signal=INT,QUIT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "heroku-tools.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in p.Environment())
        {
            psi.Environment[k] = v;
        }

        var program = new RealProgram(Process.Start(psi)!);
        program.Process.OutputDataReceived += (_, e) => Append(program._out, e.Data);
        program.Process.ErrorDataReceived += (_, e) => Append(program._error, e.Data);
        program.Process.BeginOutputReadLine();
        program.Process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Sends a real signal (INT, TERM, ...) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0, $"kill -{name} failed");
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails when the program ends first or time runs out.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Process.HasExited.ShouldBeFalse($"the program ended before {what}: {Error}");
            clock.Elapsed.ShouldBeLessThan(timeout, $"{what} did not happen within {timeout.TotalSeconds} s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits for the exit (at most <paramref name="timeout"/>) and returns the exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        await Process.WaitForExitAsync(limit.Token);
        Process.WaitForExit(); // drains the redirected output
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.Append(line).Append('\n');
        }
    }
}
