using HerokuTools.Common;

namespace HerokuTools.Git;

/// <summary>Typed questions to a git repository, on top of <see cref="IGit"/>.</summary>
public sealed class GitRepository(IGit git)
{
    public IGit Git { get; } = git;

    /// <summary>The repository's top-level folder, or null when not inside a work tree.</summary>
    public async Task<string?> TopLevelAsync(CancellationToken cancellation = default)
    {
        var r = await Git.RunAsync(["rev-parse", "--show-toplevel"], null, cancellation).ConfigureAwait(false);
        return r.Success ? r.StandardOutput.Trim() : null;
    }

    /// <summary>Local branch names.</summary>
    public async Task<IReadOnlyList<string>> BranchesAsync(CancellationToken cancellation = default)
    {
        var r = await Git.RunAsync(["for-each-ref", "--format=%(refname:short)", "refs/heads/"], null, cancellation).ConfigureAwait(false);
        return r.Success ? r.Lines : [];
    }

    /// <summary>Remote names with their fetch URLs.</summary>
    public async Task<IReadOnlyList<GitRemote>> RemotesAsync(CancellationToken cancellation = default)
    {
        var r = await Git.RunAsync(["remote", "-v"], null, cancellation).ConfigureAwait(false);
        if (!r.Success)
        {
            return [];
        }

        var remotes = new List<GitRemote>();
        foreach (var line in r.Lines)
        {
            var parts = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && parts[2] == "(fetch)")
            {
                remotes.Add(new GitRemote(parts[0], parts[1]));
            }
        }

        return remotes;
    }

    /// <summary>The value of a git config key, or null.</summary>
    public async Task<string?> ConfigValueAsync(string key, CancellationToken cancellation = default)
    {
        var r = await Git.RunAsync(["config", "--get", key], null, cancellation).ConfigureAwait(false);
        return r.Success ? r.StandardOutput.Trim() : null;
    }

    /// <summary>Runs git and throws a <see cref="ToolException"/> with git's own first error line when it fails.</summary>
    public async Task<GitResult> RequireAsync(IReadOnlyList<string> arguments, GitRunOptions? options = null, CancellationToken cancellation = default)
    {
        var r = await Git.RunAsync(arguments, options, cancellation).ConfigureAwait(false);
        return r.Success ? r : throw new ToolException($"git {arguments[0]} failed: {r.FirstErrorLine}");
    }
}

public sealed record GitRemote(string Name, string Url)
{
    /// <summary>The Heroku app a remote points at (https://git.heroku.com/APP.git or a sandbox URL ending /APP.git).</summary>
    public string? HerokuAppName
    {
        get
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !Url.EndsWith(".git", StringComparison.Ordinal))
            {
                return null;
            }

            var isHeroku = uri.Host.Equals("git.heroku.com", StringComparison.OrdinalIgnoreCase) || uri.IsLoopback;
            return isHeroku ? Path.GetFileNameWithoutExtension(uri.AbsolutePath) : null;
        }
    }
}
