using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HerokuTools.Sandbox.Hosting;
using Xunit;

namespace HerokuTools.Testing;

/// <summary>
/// A running sandbox (the whole local Heroku) in a temp folder, on the run's shared PostgreSQL server. Share one per
/// test class (<c>IClassFixture&lt;SandboxFixture&gt;</c>); give each test its own apps (<see cref="NewAppName"/>).
/// </summary>
public sealed class SandboxFixture(PostgresFixture postgres) : IAsyncLifetime
{
    private static int _apps;

    public string Directory { get; } = TempFolder.NewPath("ht-sandbox");

    public SandboxHost Host { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>Fault injection through the admin endpoint. Tests that add faults clear them when done.</summary>
    public SandboxFaults Faults { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await SandboxHost.StartAsync(new SandboxHostOptions
        {
            Directory = Directory,
            SharedPostgres = postgres.Cluster,
            AttachTimeout = TimeSpan.FromSeconds(20),
        }, TestContext.Current.CancellationToken);
        Api = new HttpClient { BaseAddress = Host.ApiUrl };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Token);
        Api.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.heroku+json; version=3");
        Faults = new SandboxFaults(Host.ApiUrl, Host.Token);
    }

    public static string NewAppName(string stem = "app") =>
        $"{stem}-{Interlocked.Increment(ref _apps)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The environment a tool or git needs to talk to this sandbox (HEROKU_API_URL, HEROKU_GIT_URL,
    /// HEROKU_API_KEY). Tools must pass the token to git through the environment, never argv.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["HEROKU_API_URL"] = Host.ApiUrl.ToString().TrimEnd('/'),
        ["HEROKU_GIT_URL"] = Host.GitUrlTemplate,
        ["HEROKU_API_KEY"] = Host.Token,
    };

    public string GitUrl(string app) => Host.GitUrlTemplate.Replace("{app}", app, StringComparison.Ordinal);

    /// <summary>Git's environment for pushing to this sandbox: the token as a Basic auth header, through GIT_CONFIG_*.</summary>
    public IReadOnlyDictionary<string, string> GitAuthEnvironment()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + Host.Token));
        var scope = Host.ApiUrl.GetLeftPart(UriPartial.Authority) + "/";
        return new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = $"http.{scope}.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + basic,
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
    }

    public async Task<JsonObject> CreateAppAsync(string name)
    {
        using var response = await Api.PostAsync("/apps", JsonContent.Create(new JsonObject { ["name"] = name }), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create app {name}: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Api.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(body)!
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await Api.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        Faults?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        TempFolder.Delete(Directory);
    }
}
