using System.Diagnostics;

namespace HerokuTools.Tests.Support;

/// <summary>A real git repository in a temp folder, driven by the real git executable.</summary>
public sealed class GitRepo : IDisposable
{
    private readonly TempDirectory _dir;

    public GitRepo(string initialBranch = "master")
    {
        _dir = new TempDirectory("ht-repo-");
        Run("init", "-q", "-b", initialBranch);
        Run("config", "user.email", "dev@example.com");
        Run("config", "user.name", "Dev Eloper");
        Run("config", "commit.gpgsign", "false");
    }

    public string Path => _dir.Path;

    public string Write(string relative, string content) => _dir.Write(relative, content);

    /// <summary>Commits everything in the work tree; returns the new commit's sha.</summary>
    public string Commit(string message)
    {
        Run("add", "-A");
        Run("commit", "-q", "--allow-empty", "-m", message);
        return Run("rev-parse", "HEAD").Trim();
    }

    public string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        }

        return stdout;
    }

    public void Dispose() => _dir.Dispose();
}
