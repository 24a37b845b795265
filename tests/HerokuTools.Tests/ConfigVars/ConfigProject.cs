using System.Text.Json.Nodes;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.ConfigVars;

/// <summary>A project folder with heroku-tools.yml for live/uat/dev apps freshly created in the sandbox, and its config files.</summary>
internal sealed class ConfigProject : IDisposable
{
    private readonly SandboxFixture _sandbox;
    private readonly TempDirectory _dir = new("ht-config-");

    private ConfigProject(SandboxFixture sandbox, string live, string uat, string dev)
    {
        _sandbox = sandbox;
        (Live, Uat, Dev) = (live, uat, dev);
    }

    public string Live { get; }
    public string Uat { get; }
    public string Dev { get; }
    public string Path => _dir.Path;

    public static async Task<ConfigProject> CreateAsync(SandboxFixture sandbox, string extraWorkflow = "", bool liveProtected = false)
    {
        var project = new ConfigProject(sandbox, SandboxFixture.NewAppName("live"), SandboxFixture.NewAppName("uat"), SandboxFixture.NewAppName("dev"));
        foreach (var app in new[] { project.Live, project.Uat, project.Dev })
        {
            await sandbox.CreateAppAsync(app);
        }

        project._dir.Write("heroku-tools.yml", $$"""
            environments:
              - {label: live, app_name: {{project.Live}}, branch: master, protected: {{(liveProtected ? "true" : "false")}}}
              - {label: uat, app_name: {{project.Uat}}, branch: master}
              - {label: dev, app_name: {{project.Dev}}, branch: dev}
            {{extraWorkflow}}
            """);
        return project;
    }

    public string Write(string relative, string content) => _dir.Write(relative, content);

    public string Read(string relative) => File.ReadAllText(_dir.Combine(relative));

    public Task<ProgramResult> RunAsync(params string[] args) => RunAsync(null, args);

    public Task<ProgramResult> RunAsync(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var environment = new Dictionary<string, string>(_sandbox.ClientEnvironment);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        return ProgramRunner.RunAsync(new ProgramRun(Path, args) { Environment = environment });
    }

    public Task<ProgramResult> RunOnTerminalAsync(string stdin, params string[] args) =>
        ProgramRunner.RunAsync(new ProgramRun(Path, args) { Environment = _sandbox.ClientEnvironment, Terminal = true, Stdin = stdin });

    public async Task SetAsync(string app, IReadOnlyDictionary<string, string?> vars)
    {
        var body = new JsonObject();
        foreach (var (k, v) in vars)
        {
            body[k] = v is null ? null : JsonValue.Create(v);
        }

        await _sandbox.SendAsync(HttpMethod.Patch, $"/apps/{app}/config-vars", body);
    }

    public async Task<Dictionary<string, string>> ConfigAsync(string app)
    {
        var node = await _sandbox.GetAsync($"/apps/{app}/config-vars");
        return node.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    public async Task<int> ReleaseCountAsync(string app) => (await _sandbox.GetAsync($"/apps/{app}/releases")).AsArray().Count;

    public Task AddPostgresAsync(string app) =>
        _sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/addons", new JsonObject { ["plan"] = "heroku-postgresql" });

    public void Dispose() => _dir.Dispose();
}
