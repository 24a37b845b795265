using System.Diagnostics;

namespace HerokuTools.Sandbox.Tests.Git;

/// <summary>The real git client in a temp work tree.</summary>
public sealed class GitClient : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _env;

    public GitClient(IReadOnlyDictionary<string, string> env, bool init = true)
    {
        _env = env;
        Path = Directory.CreateTempSubdirectory("ht-client-").FullName;
        if (init)
        {
            Must("init", "-q", "-b", "master");
            Must("config", "user.email", "dev@example.com");
            Must("config", "user.name", "Dev Eloper");
            Must("config", "commit.gpgsign", "false");
        }
    }

    public string Path { get; }

    public void Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void WriteBytes(string relative, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public string Commit(string message)
    {
        Must("add", "-A");
        Must("commit", "-q", "--allow-empty", "-m", message);
        return Must("rev-parse", "HEAD").Trim();
    }

    public string Must(params string[] args)
    {
        var r = Run(args);
        return r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"git {string.Join(' ', args)}: {r.Err}");
    }

    public GitRun Run(params string[] args)
    {
        using var p = Start(args);
        var err = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', args)} hung");
        }

        return new GitRun(p.ExitCode, stdout, err.Result);
    }

    /// <summary>Starts git without waiting; the caller reads its output and disposes it.</summary>
    public Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("GIT_ASKPASS");
        psi.Environment.Remove("SSH_ASKPASS");
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (k, v) in _env)
        {
            psi.Environment[k] = v;
        }

        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record GitRun(int ExitCode, string Out, string Err);
