using System.CommandLine;
using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Heroku;
using HerokuTools.Heroku.Models;
using HerokuTools.Sandbox.Hosting;
using HerokuTools.Sandbox.Postgres;
using Npgsql;

namespace HerokuTools.Cli.Sandbox.Demo;

/// <summary>
/// <c>heroku-tools sandbox demo</c>: from nothing, a sandbox, a Django-shaped sample project with dev and master
/// branches, live/uat/dev apps with Postgres, a heroku-tools.yml, and then the workflow's commands run against
/// them, each shown as the user would type it.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CommandContext context)
    {
        var into = new Option<string?>("--into") { Description = "Folder for the demo (sandbox state + sample project); default: a new temporary folder", HelpName = "DIR" };
        var keep = new Option<bool>("--keep") { Description = "Keep the sandbox running afterwards (Ctrl-C stops it), to try commands yourself" };
        var command = new Command("demo", "Run the whole workflow on a sample project against a fresh sandbox") { into, keep };
        context.SetAction(command, inv => RunAsync(inv, inv.Get(into), inv.Get(keep)));
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv, string? into, bool keep)
    {
        var root = into is null ? NewTempFolder() : Path.GetFullPath(into, inv.Host.WorkingDirectory);
        var project = Path.Combine(root, "shop");
        if (Directory.Exists(project) && Directory.EnumerateFileSystemEntries(project).Any())
        {
            throw new ToolException($"{inv.DisplayPath(project)} already exists; give the demo an empty folder (--into DIR)", ExitCodes.Usage);
        }

        var say = new DemoNarrator(inv);
        say.Heading($"Demo folder: {root}");
        say.Heading("Starting a sandbox (a local Heroku: Platform API, git, one-off dynos, PostgreSQL) on 127.0.0.1");
        SandboxHost sandbox;
        try
        {
            sandbox = await SandboxHost.StartAsync(new SandboxHostOptions { Directory = Path.Combine(root, ".heroku-sandbox") }, inv.Cancellation);
        }
        catch (PostgresClusterException e)
        {
            throw new ToolException($"PostgreSQL: {e.Message}");
        }

        await using (sandbox)
        {
            var env = new Dictionary<string, string>(inv.Host.Environment, StringComparer.Ordinal)
            {
                ["HEROKU_API_URL"] = sandbox.ApiUrl.ToString().TrimEnd('/'),
                ["HEROKU_GIT_URL"] = sandbox.GitUrlTemplate,
                ["HEROKU_API_KEY"] = sandbox.Token,
                ["HEROKU_TOOLS_CA_CERT"] = sandbox.CertificatePath,
                ["DEMO_SECRET_KEY"] = "demo-secret-" + Guid.NewGuid().ToString("N")[..12],
                ["ANON_KEY"] = "demo-anonymisation-key-" + Guid.NewGuid().ToString("N")[..12],
            };
            say.Line($"  api {sandbox.ApiUrl.ToString().TrimEnd('/')}, git {sandbox.GitUrlTemplate}");

            var script = new DemoScript(inv, say, sandbox, env, project);
            await script.RunAsync();

            if (keep)
            {
                say.Heading("The sandbox stays up; in another shell:");
                say.Line($"  cd {project}");
                say.Line($"  export HEROKU_API_URL={env["HEROKU_API_URL"]} HEROKU_GIT_URL='{env["HEROKU_GIT_URL"]}' HEROKU_TOOLS_CA_CERT={sandbox.CertificatePath}");
                say.Line($"  export HEROKU_API_KEY=$(cat {Path.Combine(sandbox.Directory, HerokuTools.Sandbox.SandboxInfo.TokenFileName)})");
                say.Line("Ctrl-C stops it.");
                try
                {
                    await Task.Delay(Timeout.Infinite, inv.Cancellation);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        say.Heading($"Done. The sample project is in {project}");
        return ExitCodes.Success;
    }

    /// <summary>A new folder under /tmp that other users may traverse: when we run as root, the sandbox's
    /// PostgreSQL runs as the postgres user and must reach its data folder inside.</summary>
    private static string NewTempFolder()
    {
        var path = Directory.CreateTempSubdirectory("heroku-tools-demo-").FullName;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}

/// <summary>The demo's steps, in order. Each capability of the tool adds its part here.</summary>
internal sealed class DemoScript(Invocation inv, DemoNarrator say, SandboxHost sandbox, IReadOnlyDictionary<string, string> env, string project)
{
    public const string Live = "shop-live";
    public const string Uat = "shop-uat";
    public const string Dev = "shop-dev";

    public async Task RunAsync()
    {
        await CreateProjectAsync();
        await CreateAppsAsync();
        await WriteWorkflowAsync();
        await ToolAsync("check");
        await DeployAsync();
        await ConfigAsync();
        await DataAsync();
    }

    /// <summary>Code up to uat and live, customers on live, then live's data down to uat, anonymised.</summary>
    private async Task DataAsync()
    {
        say.Heading("Code moves up: merge dev into master, deploy uat, then live");
        await GitAsync("checkout", "-q", "master");
        await GitAsync("merge", "-q", "--no-ff", "-m", "Release: phone numbers, friendlier welcome", "dev");
        await ToolAsync("deploy", "uat", "--yes");
        await ToolAsync("deploy", "live", "--yes");

        say.Heading("Customers sign up on live");
        using var heroku = new HerokuClient(new HerokuClientOptions { BaseUrl = sandbox.ApiUrl, Token = sandbox.Token });
        var liveDb = await DatabaseAsync(heroku, Live);
        await using (var connection = new NpgsqlConnection(liveDb))
        {
            await connection.OpenAsync(inv.Cancellation);
            await using var insert = new NpgsqlCommand("""
                insert into auth_user (email, first_name, last_name, password, phone) values
                  ('ada.lovelace@example.org', 'Ada', 'Lovelace', 'pbkdf2_sha256$ada', '+44 20 7946 0001'),
                  ('alan.turing@example.org', 'Alan', 'Turing', 'pbkdf2_sha256$alan', '+44 20 7946 0002'),
                  ('grace.hopper@example.org', 'Grace', 'Hopper', 'pbkdf2_sha256$grace', '+1 202 555 0103'),
                  ('edsger.dijkstra@example.org', 'Edsger', 'Dijkstra', 'pbkdf2_sha256$edsger', '+31 20 555 0104')
                """, connection);
            await insert.ExecuteNonQueryAsync(inv.Cancellation);
        }

        await ShowUsersAsync("live", liveDb);

        say.Heading("Anonymisation rules: suggested from live's schema (bookkeeping tables kept whole), kept in heroku-tools.yml");
        var rules = await ToolCaptureAsync("data", "rules", "init", "live");
        say.Line("  appended to heroku-tools.yml as suggested (a real project reviews every REVIEW line first)");
        await File.AppendAllTextAsync(Path.Combine(project, "heroku-tools.yml"), "\n" + rules, inv.Cancellation);
        await CommitAsync("Anonymisation rules for data copies");
        await ToolAsync("data", "check", "live");
        await ToolAsync("data", "copy", "live", "uat", "--dry-run");
        await ToolAsync("data", "copy", "live", "uat", "--yes");

        var uatDb = await DatabaseAsync(heroku, Uat);
        await ShowUsersAsync("uat, after the copy", uatDb);

        say.Heading("uat still runs on the copied data: a one-off dyno there");
        var command = HerokuTools.Sandbox.Dynos.ExitStatusMarker.AppendTo(
            "bin/migrate && psql \"$DATABASE_URL\" -Atc \"select count(*) || ' users, e.g. ' || min(email) from auth_user\"");
        var dyno = await heroku.CreateDynoAsync(Uat, new DynoCreateRequest { Command = command, Attach = true }, inv.Cancellation);
        say.Line($"  (the equivalent of: heroku run -a {Uat} -x 'bin/migrate && psql \"$DATABASE_URL\" -c ...')");
        var output = new MemoryStream();
        var status = await HerokuTools.Sandbox.Dynos.RendezvousClient.TrustingPemFile(sandbox.CertificatePath)
            .AttachAsync(dyno.AttachUrl!, output, null, inv.Cancellation);
        foreach (var line in System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            say.Line("  " + line.TrimEnd('\r'));
        }

        say.Line($"  (exit status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
    }

    private async Task<string> DatabaseAsync(HerokuClient heroku, string app)
    {
        var config = await heroku.GetConfigVarsAsync(app, inv.Cancellation);
        return HerokuTools.Sandbox.Postgres.DatabaseUrl.Parse(config["DATABASE_URL"]!).ToConnectionString();
    }

    private async Task ShowUsersAsync(string title, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(inv.Cancellation);
        await using var query = new NpgsqlCommand("select email, first_name, last_name, coalesce(phone, '') from auth_user order by id", connection);
        await using var reader = await query.ExecuteReaderAsync(inv.Cancellation);
        say.Line($"  auth_user on {title}:");
        while (await reader.ReadAsync(inv.Cancellation))
        {
            say.Line($"    {reader.GetString(0),-42} {reader.GetString(1),-10} {reader.GetString(2),-12} {reader.GetString(3)}");
        }
    }

    /// <summary>Runs heroku-tools in-process and returns what it printed on standard output (also shown).</summary>
    private async Task<string> ToolCaptureAsync(params string[] args)
    {
        say.Command("heroku-tools " + string.Join(' ', args));
        var captured = new StringWriter();
        var code = await App.RunAsync(args, ProjectHost(captured, outputIsTerminal: false), inv.Cancellation);
        var text = captured.ToString();
        foreach (var line in text.TrimEnd().Split('\n'))
        {
            say.Line(line);
        }

        return code == ExitCodes.Success ? text : throw new ToolException($"demo: heroku-tools {string.Join(' ', args)} failed ({code})");
    }

    /// <summary>Deploys of dev: the first one, one that migrates, one that does not; status; a release note.</summary>
    private async Task DeployAsync()
    {
        say.Heading("Deploy dev for the first time: every file counts as changed, so migrate and collectstatic run");
        await GitAsync("checkout", "-q", "dev");
        await ToolAsync("deploy", "dev", "--yes");
        await ToolAsync("status");

        say.Heading("A new migration on dev: the deploy turns maintenance on, migrates, and turns it off");
        await WriteAsync("shop/migrations/0002_user_phone.sql", "alter table auth_user add column phone text;\n");
        await CommitAsync("Add a phone number to users");
        await ToolAsync("deploy", "dev", "--dry-run");
        await ToolAsync("deploy", "dev", "--yes", "--note", "Adds auth_user.phone");

        say.Heading("A change to a view only: no migrations, no maintenance page");
        await WriteAsync("shop/views.py", "def index(request):\n    return 'Welcome to the new shop'\n");
        await CommitAsync("Friendlier welcome");
        await ToolAsync("deploy", "dev", "--yes");
        await ToolAsync("status");

        var notes = Path.Combine(project, "release-notes", "dev");
        if (Directory.Exists(notes))
        {
            var latest = Directory.GetFiles(notes, "*.md").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault();
            if (latest is not null)
            {
                say.Heading($"The release note: {Path.GetRelativePath(project, latest)}");
                foreach (var line in (await File.ReadAllLinesAsync(latest, inv.Cancellation)).Take(40))
                {
                    say.Line("  " + line);
                }
            }
        }

        await GitAsync("checkout", "-q", "master");
    }

    /// <summary>Config vars as files: pull, edit, check, diff (masked), push in one release, diff in sync.</summary>
    private async Task ConfigAsync()
    {
        say.Heading("Config vars as files: config/common.yml + config/<env>.yml, applied on purpose");
        await ToolAsync("config", "pull", "dev");
        await ToolAsync("config", "pull", "uat");
        await WriteAsync("config/common.yml", """
            # Shared by every environment; ${NAME} is read from your environment at push time, so secrets stay out of files.
            settings:
                DJANGO_SETTINGS_MODULE: shop.settings
                SECRET_KEY: ${DEMO_SECRET_KEY}

            """);
        await WriteAsync("config/live.yml", """
            settings:
                DEBUG: "false"
                ALLOWED_HOSTS: "shop.example.com, www.shop.example.com"

            """);
        say.Line("  wrote config/common.yml and config/live.yml (SECRET_KEY comes from $DEMO_SECRET_KEY)");
        await ToolAsync("config", "check");
        await ToolAsync("config", "diff", "live");
        await ToolAsync("config", "push", "live", "--yes");
        await ToolAsync("config", "diff", "live");
        await ToolAsync("config", "diff", "live", "uat");
        await CommitAsync("Config vars as files");
    }

    private async Task WriteAsync(string relative, string text)
    {
        var full = Path.Combine(project, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, text, inv.Cancellation);
    }

    private async Task CreateProjectAsync()
    {
        say.Heading("A Django-shaped sample project, with master and dev branches");
        foreach (var (path, text) in SampleProject.InitialFiles)
        {
            var full = Path.Combine(project, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, text, inv.Cancellation);
            if (path.StartsWith("bin/", StringComparison.Ordinal) || path == "manage.py")
            {
                File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        await GitAsync("init", "-q", "-b", "master");
        await GitAsync("config", "user.name", "Demo Developer");
        await GitAsync("config", "user.email", "dev@shop.example");
        await CommitAsync("Initial shop: users, styles, migrate and collectstatic scripts");
        await GitAsync("branch", "dev");
        foreach (var path in SampleProject.InitialFiles.Keys.Order(StringComparer.Ordinal))
        {
            say.Line("  " + path);
        }
    }

    private async Task CreateAppsAsync()
    {
        say.Heading("Three Heroku apps in the sandbox, each with Heroku Postgres");
        using var heroku = new HerokuClient(new HerokuClientOptions
        {
            BaseUrl = sandbox.ApiUrl,
            Token = sandbox.Token,
        });
        foreach (var app in new[] { Live, Uat, Dev })
        {
            await heroku.CreateAppAsync(new AppCreateRequest { Name = app }, inv.Cancellation);
            var addon = await heroku.CreateAddonAsync(app, "heroku-postgresql", inv.Cancellation);
            say.Line($"  {app}: created, {addon.Name} attached as DATABASE_URL");
        }
    }

    private async Task WriteWorkflowAsync()
    {
        say.Heading("heroku-tools.yml: the workflow (the original format, plus `protected` for live)");
        var text = SampleProject.Workflow(Live, Uat, Dev);
        await File.WriteAllTextAsync(Path.Combine(project, "heroku-tools.yml"), text, inv.Cancellation);
        await CommitAsync("Add heroku-tools.yml");
        await GitAsync("checkout", "-q", "dev");
        await GitAsync("merge", "-q", "--ff-only", "master");
        await GitAsync("checkout", "-q", "master");
        foreach (var line in text.TrimEnd().Split('\n'))
        {
            say.Line("  " + line);
        }
    }

    /// <summary>Runs heroku-tools in-process, in the project, against the sandbox, shown as typed.</summary>
    public async Task<int> ToolAsync(params string[] args)
    {
        say.Command("heroku-tools " + string.Join(' ', args));
        var code = await App.RunAsync(args, ProjectHost(inv.Host.Out, inv.Host.OutputIsTerminal), inv.Cancellation);
        if (code != ExitCodes.Success)
        {
            say.Line($"  (exit status {code})");
        }

        return code;
    }

    /// <summary>The host a demo command runs in: the project folder, the sandbox's environment, no prompts.</summary>
    private CliHost ProjectHost(TextWriter output, bool outputIsTerminal) => new()
    {
        Out = output,
        Error = inv.Host.Error,
        In = inv.Host.In,
        OutputIsTerminal = outputIsTerminal,
        ErrorIsTerminal = inv.Host.ErrorIsTerminal,
        InputIsTerminal = false,
        Environment = env,
        WorkingDirectory = project,
    };

    private Task<GitResult> GitAsync(params string[] args) =>
        new GitRepository(new GitCli(project, env)).RequireAsync(args, null, inv.Cancellation);

    private Task CommitAsync(string message) => CommitAllAsync(message);

    private async Task CommitAllAsync(string message)
    {
        // Release notes are the deploys' own record; the demo leaves them uncommitted.
        await GitAsync("add", "-A", "--", ".", ":(exclude)release-notes");
        await GitAsync("commit", "-q", "-m", message);
    }
}

/// <summary>How the demo talks: headings, commands as typed, and plain lines.</summary>
internal sealed class DemoNarrator(Invocation inv)
{
    public void Heading(string text)
    {
        inv.Host.Out.WriteLine();
        inv.Host.Out.WriteLine(inv.Settings.Color ? $"\u001b[1m== {text}\u001b[0m" : $"== {text}");
    }

    public void Command(string text)
    {
        inv.Host.Out.WriteLine();
        inv.Host.Out.WriteLine(inv.Settings.Color ? $"\u001b[1;36m$ {text}\u001b[0m" : $"$ {text}");
    }

    public void Line(string text) => inv.Host.Out.WriteLine(text);
}
