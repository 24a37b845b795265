using System.Collections.Concurrent;
using System.Formats.Tar;

namespace HerokuTools.Sandbox.Git;

/// <summary>
/// The apps' bare repositories under one folder (<c>ROOT/APP.git</c>), created on first use with the sandbox's
/// pre-receive hook; reads commits for other parts of the sandbox; holds injected push failures.
/// </summary>
public sealed class GitRepositories : IDisposable
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly ConcurrentDictionary<string, string> _rejections = new(StringComparer.Ordinal);

    public GitRepositories(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Heroku's rule: 2 to 30 of lowercase letters, digits and dashes, starting with a letter.</summary>
    public static bool IsValidAppName(string app) =>
        app.Length is >= 2 and <= 30 && app[0] is >= 'a' and <= 'z' && app.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The app's bare repository (whether or not it exists yet).</summary>
    public string PathOf(string app) =>
        IsValidAppName(app) ? Path.Combine(Root, app + ".git") : throw new ArgumentException($"Invalid app name '{app}'.", nameof(app));

    public bool Exists(string app) => Directory.Exists(Path.Combine(PathOf(app), "objects"));

    /// <summary>Creates the app's bare repository when missing (and (re)installs the hook); returns its path.</summary>
    public async Task<string> EnsureCreatedAsync(string app, CancellationToken cancellation = default)
    {
        var path = PathOf(app);
        await _createLock.WaitAsync(cancellation);
        try
        {
            if (!Exists(app))
            {
                Directory.CreateDirectory(Root);
                (await GitProcess.RunAsync(["init", "--bare", "-q", "-b", "master", path], cancellation: cancellation)).ThrowIfFailed("git init");
                (await GitProcess.RunAsync(["-C", path, "config", "http.receivepack", "true"], cancellation: cancellation)).ThrowIfFailed("git config");
            }

            PreReceiveHook.Install(path);
        }
        finally
        {
            _createLock.Release();
        }

        return path;
    }

    /// <summary>Removes the app's repository (the app was deleted).</summary>
    public void Delete(string app)
    {
        _rejections.TryRemove(app, out _);
        var path = PathOf(app);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>The commit a ref points at (e.g. <c>refs/heads/main</c>), or null when it does not exist.</summary>
    public async Task<string?> ReadRefAsync(string app, string refName, CancellationToken cancellation = default)
    {
        if (!Exists(app))
        {
            return null;
        }

        var result = await GitProcess.RunAsync(["-C", PathOf(app), "rev-parse", "-q", "--verify", refName + "^{commit}"], cancellation: cancellation);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>Writes the files of <paramref name="commit"/> (a sha or ref) into <paramref name="folder"/>, e.g. a
    /// dyno's working directory.</summary>
    public Task ExportAsync(string app, string commit, string folder, CancellationToken cancellation = default) =>
        ExportAsync(PathOf(app), commit, folder, null, cancellation);

    /// <summary>Whether the app's repository holds <paramref name="commit"/>.</summary>
    public async Task<bool> ContainsAsync(string app, string commit, CancellationToken cancellation = default) =>
        Exists(app)
        && (await GitProcess.RunAsync(["-C", PathOf(app), "cat-file", "-e", commit + "^{commit}"], cancellation: cancellation)).ExitCode == 0;

    /// <summary>Makes the app's next push that would build fail with <paramref name="message"/> (fault injection).</summary>
    public void RejectNextPush(string app, string message) => _rejections[app] = message;

    public void Dispose() => _createLock.Dispose();

    internal bool TryTakeRejection(string app, out string message) => _rejections.TryRemove(app, out message!);

    internal static async Task ExportAsync(
        string gitDir, string commit, string folder, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellation)
    {
        Directory.CreateDirectory(folder);
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["GIT_DIR"] = gitDir };
        var result = await GitProcess.RunAsync(
            ["archive", "--format=tar", commit],
            env,
            (tar, ct) => TarFile.ExtractToDirectoryAsync(tar, folder, overwriteFiles: true, ct),
            cancellation);
        result.ThrowIfFailed($"git archive {commit}");
    }

    /// <summary>Points HEAD at the branch that exists when the one it names does not (first push to main).</summary>
    internal static async Task RepairHeadAsync(string gitDir, CancellationToken cancellation)
    {
        if ((await GitProcess.RunAsync(["-C", gitDir, "rev-parse", "-q", "--verify", "HEAD"], cancellation: cancellation)).ExitCode == 0)
        {
            return;
        }

        foreach (var branch in new[] { "main", "master" })
        {
            var exists = await GitProcess.RunAsync(["-C", gitDir, "rev-parse", "-q", "--verify", "refs/heads/" + branch], cancellation: cancellation);
            if (exists.ExitCode == 0)
            {
                await GitProcess.RunAsync(["-C", gitDir, "symbolic-ref", "HEAD", "refs/heads/" + branch], cancellation: cancellation);
                return;
            }
        }
    }
}
