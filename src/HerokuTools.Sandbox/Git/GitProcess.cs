using System.Diagnostics;

namespace HerokuTools.Sandbox.Git;

/// <summary>Runs the git executable with an argument list and a clean environment; kills it when cancelled.</summary>
internal static class GitProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Only what git needs of the sandbox's environment: nothing of its secrets reaches git or the hooks.
        psi.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "LANG", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                psi.Environment[name] = value;
            }
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return psi;
    }

    /// <summary>Runs git to the end; its standard output goes to <paramref name="readOutput"/> when given (else it is
    /// collected). Returns the exit code, the collected output and the standard error.</summary>
    public static async Task<GitResult> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<Stream, CancellationToken, Task>? readOutput = null,
        CancellationToken cancellation = default)
    {
        using var process = Process.Start(StartInfo(args, environment))
            ?? throw new InvalidOperationException("git could not be started.");
        process.StandardInput.Close();
        using var kill = cancellation.Register(() => Kill(process));
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = "";
        try
        {
            if (readOutput is null)
            {
                output = await process.StandardOutput.ReadToEndAsync(cancellation);
            }
            else
            {
                await readOutput(process.StandardOutput.BaseStream, cancellation);
                await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellation);
            }

            await process.WaitForExitAsync(cancellation);
        }
        catch
        {
            Kill(process);
            throw;
        }

        return new GitResult(process.ExitCode, output, await error);
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}

internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    public GitResult ThrowIfFailed(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed (git exit {ExitCode}): {Error.Trim()}");
}
