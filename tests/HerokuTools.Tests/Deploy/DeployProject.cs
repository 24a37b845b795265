using System.Text.Json.Nodes;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Deploy;

/// <summary>
/// A Django-shaped project in a real git repository with its own dev and live apps in the sandbox:
/// <c>bin/migrate</c> and <c>bin/collectstatic</c> print what they do; live is protected.
/// </summary>
internal sealed class DeployProject : IDisposable
{
    private readonly SandboxFixture _sandbox;

    private DeployProject(SandboxFixture sandbox, string deploySection)
    {
        _sandbox = sandbox;
        Dev = SandboxFixture.NewAppName("dev");
        Live = SandboxFixture.NewAppName("live");
        Repo = new GitRepo("dev");
        Repo.Write("heroku-tools.yml", $"""
            environments:
              - label: live
                app_name: {Live}
                branch: master
                protected: true
              - label: dev
                app_name: {Dev}
                branch: dev
            commands:
              migrate: sh bin/migrate
              collectstatic: sh bin/collectstatic
            {deploySection}
            """);
        Repo.Write("bin/migrate", "echo \"MIGRATE ran with $(ls migrations | wc -l) migrations\"\n");
        Repo.Write("bin/collectstatic", "echo \"COLLECTSTATIC ran\"\n");
        Repo.Write("app.py", "print('hello')\n");
        Repo.Write("migrations/0001_initial.sql", "create table t (id int);\n");
        Repo.Write("static/site.css", "body {}\n");
        First = Repo.Commit("Initial project");
    }

    public GitRepo Repo { get; }

    public string Dev { get; }

    public string Live { get; }

    public string First { get; }

    public static async Task<DeployProject> CreateAsync(SandboxFixture sandbox, string deploySection = "")
    {
        var project = new DeployProject(sandbox, deploySection);
        await sandbox.CreateAppAsync(project.Dev);
        await sandbox.CreateAppAsync(project.Live);
        return project;
    }

    public IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(_sandbox.ClientEnvironment)
        {
            ["HEROKU_TOOLS_CA_CERT"] = _sandbox.Host.CertificatePath,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return env;
    }

    public Task<ProgramResult> RunAsync(params string[] args) => ProgramRunner.RunAsync(new ProgramRun(Repo.Path, args) { Environment = Environment() });

    public Task<ProgramResult> RunAsync(ProgramRun run) => ProgramRunner.RunAsync(run with { Environment = Environment(run.Environment) });

    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Repo.Write(path, content);
        }

        return Repo.Commit(message);
    }

    /// <summary>The app's current release: version and the commit of its slug.</summary>
    public async Task<(int Version, string? Commit, int Count)> ReleaseAsync(string app)
    {
        var releases = (await _sandbox.GetAsync($"/apps/{app}/releases")).AsArray();
        var current = releases.Last(r => r!["current"]!.GetValue<bool>())!;
        var slug = current["slug"]?["id"]?.GetValue<string>();
        string? commit = null;
        if (slug is not null)
        {
            commit = (await _sandbox.GetAsync($"/apps/{app}/slugs/{slug}"))["commit"]?.GetValue<string>();
        }

        return (current["version"]!.GetValue<int>(), commit, releases.Count);
    }

    public async Task<bool> MaintenanceAsync(string app) => (await _sandbox.GetAsync($"/apps/{app}"))["maintenance"]!.GetValue<bool>();

    public Task SetMaintenanceAsync(string app, bool on) => _sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}", new JsonObject { ["maintenance"] = on });

    public void Dispose() => Repo.Dispose();
}
