using HerokuTools.Cli;
using HerokuTools.Git;
using HerokuTools.Heroku;

namespace HerokuTools.Deploy;

/// <summary>An app's git repository on Heroku: its URL (HEROKU_GIT_URL template) and git's authentication
/// environment (the token travels only there, never on a command line).</summary>
public sealed record HerokuGitRemote(Uri Url, IReadOnlyDictionary<string, string> AuthEnvironment)
{
    public static HerokuGitRemote For(CliHost host, string app)
    {
        ArgumentNullException.ThrowIfNull(host);
        var url = GitAuth.RemoteUrl(app, host.GetEnv("HEROKU_GIT_URL"));
        var token = HerokuCredentials.Resolve(host.Environment, host.HomeDirectory, HerokuClientOptions.ApiUrlFrom(host.Environment));
        return new HerokuGitRemote(url, GitAuth.Environment(url, token));
    }

    public GitRunOptions Options(Action<string>? onErrorLine = null) =>
        new() { Environment = AuthEnvironment, OnErrorLine = onErrorLine };

    /// <summary>The branch that builds (main, else master when only that exists) and where it points (null: absent).</summary>
    public async Task<(string Branch, string? Head)> DeployBranchAsync(IGit git, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(git);
        var r = await git.RunAsync(["ls-remote", "--", Url.ToString(), "refs/heads/main", "refs/heads/master"], Options(), cancellation);
        if (!r.Success)
        {
            throw new Common.ToolException($"cannot read the app's git repository {Url}: {r.FirstErrorLine}");
        }

        var heads = r.Lines.Select(l => l.Split('\t')).Where(p => p.Length == 2).ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
        if (heads.TryGetValue("refs/heads/main", out var main))
        {
            return ("main", main);
        }

        return heads.TryGetValue("refs/heads/master", out var master) ? ("master", master) : ("main", null);
    }

    /// <summary>Makes sure <paramref name="commit"/> is in the local repository, fetching it from the app when missing.</summary>
    /// <returns>False when it is not there and could not be fetched.</returns>
    public async Task<bool> EnsureCommitAsync(IGit git, string commit, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(git);
        if (await HasCommitAsync(git, commit, cancellation))
        {
            return true;
        }

        // By sha first (protocol v2 allows it); then the app's branches, into a namespace of our own.
        await git.RunAsync(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", Url.ToString(), commit], Options(), cancellation);
        if (await HasCommitAsync(git, commit, cancellation))
        {
            return true;
        }

        await git.RunAsync(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", Url.ToString(), $"+refs/heads/*:refs/heroku-tools/{Url.Segments[^1].Replace(".git", "", StringComparison.Ordinal)}/*"],
            Options(), cancellation);
        return await HasCommitAsync(git, commit, cancellation);
    }

    private static async Task<bool> HasCommitAsync(IGit git, string commit, CancellationToken cancellation) =>
        (await git.RunAsync(["cat-file", "-e", commit + "^{commit}"], null, cancellation)).Success;
}
