using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Sandbox;
using HerokuTools.Sandbox.Hosting;
using HerokuTools.Sandbox.Postgres;

namespace HerokuTools.Cli.Sandbox;

/// <summary><c>heroku-tools sandbox up|env|status|down</c>: the local Heroku for tests, demos and rehearsals.</summary>
internal static class SandboxCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("sandbox", "A local Heroku (Platform API, git, one-off dynos, Postgres) on 127.0.0.1, to rehearse against");
        var dir = new Option<string>("--dir") { Description = $"The sandbox's state directory (default: {SandboxInfo.DefaultDirectory})", HelpName = "DIR", Recursive = true, DefaultValueFactory = _ => SandboxInfo.DefaultDirectory };
        command.Options.Add(dir);

        var port = new Option<int>("--port") { Description = "The API and git port on 127.0.0.1 (default: a free one)", HelpName = "PORT" };
        var noPostgres = new Option<bool>("--no-postgres") { Description = "Do not start PostgreSQL (the heroku-postgresql add-on is then unavailable)" };
        var up = new Command("up", "Start the sandbox in the foreground (Ctrl-C stops it); state persists in --dir") { port, noPostgres };
        context.SetAction(up, inv => UpAsync(inv, Dir(inv, dir), inv.Get(port), !inv.Get(noPostgres)));
        command.Subcommands.Add(up);

        var env = new Command("env", "Print `export …` lines for eval: HEROKU_API_URL, HEROKU_GIT_URL, HEROKU_API_KEY, and HEROKU_HOST/NODE_EXTRA_CA_CERTS for the official heroku CLI");
        context.SetAction(env, inv => EnvAsync(inv, Dir(inv, dir)));
        command.Subcommands.Add(env);

        var status = new Command("status", "Say whether a sandbox runs in --dir, where, and which apps it has");
        context.SetAction(status, inv => StatusAsync(inv, Dir(inv, dir)));
        command.Subcommands.Add(status);

        var down = new Command("down", "Stop the sandbox running in --dir");
        context.SetAction(down, inv => DownAsync(inv, Dir(inv, dir)));
        command.Subcommands.Add(down);

        command.Subcommands.Add(Demo.DemoCommand.Create(context));
        return command;
    }

    private static string Dir(Invocation inv, Option<string> dir) =>
        Path.GetFullPath(inv.Get(dir) ?? SandboxInfo.DefaultDirectory, inv.Host.WorkingDirectory);

    private static async Task<int> UpAsync(Invocation inv, string dir, int port, bool postgres)
    {
        if (SandboxRunFile.ReadLive(dir) is { } running)
        {
            throw new ToolException($"a sandbox already runs in {inv.DisplayPath(dir)} (pid {running.Pid}, {running.ApiUrl}); 'heroku-tools sandbox down' stops it");
        }

        SandboxHost host;
        try
        {
            inv.Reporter.Note($"starting the sandbox in {inv.DisplayPath(dir)}{(postgres ? " (with PostgreSQL)" : "")}…");
            host = await SandboxHost.StartAsync(new SandboxHostOptions { Directory = dir, Port = port, Postgres = postgres }, inv.Cancellation);
        }
        catch (PostgresClusterException e)
        {
            throw new ToolException($"PostgreSQL: {e.Message} (or start with --no-postgres)");
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException($"cannot listen on 127.0.0.1:{port}: {e.Message}");
        }

        await using (host)
        {
            new SandboxRunFile(Environment.ProcessId, host.ApiUrl.ToString().TrimEnd('/'), host.GitUrlTemplate, host.CertificatePath,
                host.Postgres?.Port, DateTimeOffset.UtcNow).Write(dir);
            try
            {
                inv.Reporter.Line($"sandbox up: {host.ApiUrl.ToString().TrimEnd('/')} (state in {inv.DisplayPath(dir)})");
                inv.Reporter.Line($"  git:      {host.GitUrlTemplate}");
                if (host.Postgres is { } pg)
                {
                    inv.Reporter.Line($"  postgres: 127.0.0.1:{pg.Port}");
                }

                var dirArg = inv.DisplayPath(dir) == SandboxInfo.DefaultDirectory ? "" : $" --dir {inv.DisplayPath(dir)}";
                inv.Reporter.Line($"in another shell: eval \"$(heroku-tools sandbox env{dirArg})\"");
                inv.Reporter.Line("Ctrl-C stops it.");
                try
                {
                    await Task.Delay(Timeout.Infinite, inv.Cancellation);
                }
                catch (OperationCanceledException)
                {
                }

                inv.Reporter.Note("stopping the sandbox…");
            }
            finally
            {
                SandboxRunFile.Delete(dir);
            }
        }

        return ExitCodes.Success;
    }

    private static async Task<int> EnvAsync(Invocation inv, string dir)
    {
        var run = await RequireRunningAsync(inv, dir);
        var token = SandboxInfo.ReadToken(dir);
        var lines = new[]
        {
            $"export HEROKU_API_URL={Quote(run.ApiUrl)}",
            $"export HEROKU_GIT_URL={Quote(run.GitUrlTemplate)}",
            $"export HEROKU_API_KEY={Quote(token)}",
            "# for the official heroku CLI:",
            $"export HEROKU_HOST={Quote(run.ApiUrl)}",
            $"export NODE_EXTRA_CA_CERTS={Quote(run.CertificatePath)}",
            $"export HEROKU_TOOLS_CA_CERT={Quote(run.CertificatePath)}",
            "# heroku pg:psql asks for TLS unless told otherwise; the sandbox's PostgreSQL listens on loopback without it",
            "export PGSSLMODE=prefer",
        };
        foreach (var line in lines)
        {
            inv.Host.Out.WriteLine(line);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> StatusAsync(Invocation inv, string dir)
    {
        var run = SandboxRunFile.ReadLive(dir);
        var apps = run is null ? [] : await AppNamesAsync(run, SandboxInfo.ReadToken(dir), inv.Cancellation);
        if (inv.Settings.Json)
        {
            var status = new SandboxStatus(run is not null, dir, run?.ApiUrl, run?.GitUrlTemplate, run?.Pid, run?.PostgresPort, apps ?? []);
            inv.Reporter.Json(JsonSerializer.Serialize(status, SandboxRunJson.Default.SandboxStatus));
            return run is null ? ExitCodes.Failure : ExitCodes.Success;
        }

        if (run is null)
        {
            inv.Reporter.Line($"no sandbox runs in {inv.DisplayPath(dir)} ('heroku-tools sandbox up' starts one)");
            return ExitCodes.Failure;
        }

        inv.Reporter.Line($"sandbox running in {inv.DisplayPath(dir)}: pid {run.Pid}, since {run.StartedAt:u}");
        inv.Reporter.Line($"  api:      {run.ApiUrl}");
        inv.Reporter.Line($"  git:      {run.GitUrlTemplate}");
        inv.Reporter.Line(run.PostgresPort is { } p ? $"  postgres: 127.0.0.1:{p}" : "  postgres: off");
        inv.Reporter.Line(apps is null ? "  apps:     (the API did not answer)" : $"  apps:     {(apps.Count == 0 ? "none" : string.Join(", ", apps))}");
        return ExitCodes.Success;
    }

    private static async Task<int> DownAsync(Invocation inv, string dir)
    {
        var run = SandboxRunFile.ReadLive(dir);
        if (run is null)
        {
            inv.Reporter.Line($"no sandbox runs in {inv.DisplayPath(dir)}");
            return ExitCodes.Success;
        }

        using var process = System.Diagnostics.Process.GetProcessById(run.Pid);
        Signals.Terminate(run.Pid);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(inv.Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new ToolException($"the sandbox (pid {run.Pid}) did not stop within 30 s");
        }

        inv.Reporter.Line($"sandbox in {inv.DisplayPath(dir)} stopped");
        return ExitCodes.Success;
    }

    private static async Task<SandboxRunFile> RequireRunningAsync(Invocation inv, string dir)
    {
        var run = SandboxRunFile.ReadLive(dir)
            ?? throw new ToolException($"no sandbox runs in {inv.DisplayPath(dir)}; start one with 'heroku-tools sandbox up'");
        if (await AppNamesAsync(run, SandboxInfo.ReadToken(dir), inv.Cancellation) is null)
        {
            throw new ToolException($"the sandbox in {inv.DisplayPath(dir)} (pid {run.Pid}) does not answer at {run.ApiUrl}");
        }

        return run;
    }

    /// <summary>The apps' names, or null when the API does not answer.</summary>
    private static async Task<IReadOnlyList<string>?> AppNamesAsync(SandboxRunFile run, string token, CancellationToken cancellation)
    {
        using var http = new HttpClient { BaseAddress = new Uri(run.ApiUrl), Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.heroku+json; version=3");
        try
        {
            using var response = await http.GetAsync(new Uri("/apps", UriKind.Relative), cancellation);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
            return [.. doc.RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString() ?? "")];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
