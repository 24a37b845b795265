using System.Diagnostics;
using System.Text.Json;

namespace HerokuTools.Sandbox.Tests.Interop;

/// <summary>
/// The official <c>heroku</c> CLI (npm package <c>heroku</c>, v11) as <c>./test.sh</c> installs it:
/// <c>${XDG_CACHE_HOME:-$HOME/.cache}/heroku-tools/heroku-cli/node_modules/heroku</c>, or the folder named by
/// HEROKU_TOOLS_HEROKU_CLI (a folder holding <c>node_modules/heroku</c>). Runs it with <c>node</c>.
/// </summary>
internal sealed class OfficialHerokuCli
{
    private OfficialHerokuCli(string runScript, string version)
    {
        RunScript = runScript;
        Version = version;
    }

    public string RunScript { get; }

    public string Version { get; }

    public static string InstallFolder =>
        Environment.GetEnvironmentVariable("HEROKU_TOOLS_HEROKU_CLI") is { Length: > 0 } explicitFolder
            ? explicitFolder
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                    ? cache
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "heroku-tools", "heroku-cli");

    /// <summary>The installed CLI, or null (with the reason) when it or node is missing or it is not v11.</summary>
    public static OfficialHerokuCli? Find(out string reason)
    {
        var package = Path.Combine(InstallFolder, "node_modules", "heroku");
        var manifest = Path.Combine(package, "package.json");
        if (!File.Exists(manifest))
        {
            reason = $"the official heroku CLI is not installed in {InstallFolder} (./test.sh installs it when npm is available)";
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = json.RootElement.GetProperty("version").GetString() ?? "";
        if (!version.StartsWith("11.", StringComparison.Ordinal))
        {
            reason = $"the heroku CLI in {InstallFolder} is {version}, not 11.x";
            return null;
        }

        if (!NodeAvailable())
        {
            reason = "node is not available";
            return null;
        }

        reason = "";
        return new OfficialHerokuCli(Path.Combine(package, "bin", "run.js"), version);
    }

    /// <summary>Runs <c>heroku ARGS</c> with exactly the given HEROKU_* and HOME environment (HOME is required: the
    /// CLI writes to its git config and caches there), input closed after <paramref name="input"/>; never throws for
    /// a non-zero exit.</summary>
    public Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, string? input, params string[] args) =>
        // Its own HOME as working directory: outside any git repository, so apps:create adds no git remote anywhere.
        RunAsync(environment, input, environment["HOME"], args);

    /// <summary>As <see cref="RunAsync(IReadOnlyDictionary{string, string}, string?, string[])"/>, in a given folder
    /// (e.g. a git repository, for git:remote).</summary>
    public async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, string? input, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(RunScript);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing of this machine's Heroku or XDG settings may leak in (they would point the CLI elsewhere).
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("HEROKU_", StringComparison.Ordinal)
            || k.StartsWith("XDG_", StringComparison.Ordinal) || k is "NODE_OPTIONS" or "HTTP_PROXY" or "HTTPS_PROXY").ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(string.Join(' ', args), process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    private static bool NodeAvailable()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            return node.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>One CLI run: what it printed and how it exited.</summary>
internal sealed record CliRun(string Command, int ExitCode, string Out, string Error, TimeSpan Took)
{
    /// <summary>For assertion messages: the command and what it printed (the sandbox token is never printed).</summary>
    public override string ToString() => $"heroku {Command} -> exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
