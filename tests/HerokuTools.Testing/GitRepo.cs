using System.Diagnostics;

namespace HerokuTools.Testing;

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

    /// <summary>Runs git; throws when it fails. Returns standard output.</summary>
    public string Run(params string[] args)
    {
        var r = Try(null, args);
        return r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {r.Error}");
    }

    /// <summary>Runs git with extra environment variables (e.g. auth); never throws for a non-zero exit.</summary>
    public GitRun Try(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stderrTask = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = stderrTask.GetAwaiter().GetResult();
        p.WaitForExit();
        return new GitRun(p.ExitCode, stdout, stderr);
    }

    public void Dispose() => _dir.Dispose();
}

public sealed record GitRun(int ExitCode, string Out, string Error);
