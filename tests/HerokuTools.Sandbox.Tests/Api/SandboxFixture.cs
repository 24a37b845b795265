using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HerokuTools.Sandbox.Hosting;

namespace HerokuTools.Sandbox.Tests.Api;

/// <summary>One sandbox server per test class, in a temp state directory, with the test stand-ins for dynos and Postgres.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "sbapi-" + Guid.NewGuid().ToString("N"));

    internal TestDynoRunner Dynos { get; } = new();

    internal TestPostgresProvisioner Postgres { get; } = new();

    public SandboxServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(Options(), TestContext.Current.CancellationToken);
        Http = ClientFor(Server);
    }

    internal SandboxOptions Options() => new()
    {
        Directory = Directory,
        Port = 0,
        DynoRunner = Dynos,
        PostgresProvisioner = Postgres,
    };

    public static HttpClient ClientFor(SandboxServer server)
    {
        var http = new HttpClient { BaseAddress = server.ApiUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.heroku+json; version=3");
        return http;
    }

    /// <summary>Sends a request; answers the response and its JSON body.</summary>
    public Task<ApiResponse> Send(HttpMethod method, string path, object? body = null, string? range = null) =>
        Send(Http, method, path, body, range);

    public static async Task<ApiResponse> Send(HttpClient http, HttpMethod method, string path, object? body = null, string? range = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, TestJson.Options);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        using var document = text.Length == 0 ? null : JsonDocument.Parse(text);
        return new ApiResponse((int)response.StatusCode, headers, document?.RootElement.Clone() ?? default, method.Method, path);
    }

    /// <summary>Sends, checks the status, and checks the body against the schema's link for the request.</summary>
    public async Task<JsonElement> Contract(HttpMethod method, string path, int status = 200, object? body = null, string? range = null)
    {
        var response = await Send(method, path, body, range);
        response.Status.ShouldBe(status, response.Body.ToString());
        SchemaContract.AssertMatches(method.Method, path, response.Body);
        return response.Body;
    }

    public async Task<string> CreateApp(string? name = null)
    {
        var app = await Contract(HttpMethod.Post, "/apps", 201, name is null ? new { } : new { name });
        return app.GetProperty("name").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record ApiResponse(int Status, IReadOnlyDictionary<string, string> Headers, JsonElement Body, string Method, string Path)
{
    public string Error => Body.GetProperty("id").GetString()!;
}

internal static class TestJson
{
    public static readonly JsonSerializerOptions Options = new();
}
