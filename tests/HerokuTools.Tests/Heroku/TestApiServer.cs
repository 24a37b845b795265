using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HerokuTools.Tests.Heroku;

/// <summary>What the server saw of one request.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string? Range, string? Accept, string? Authorization, string? UserAgent, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) whose routes each test sets; shared per test class, so tests use
/// their own paths (app names) and read back only their own requests.
/// </summary>
public sealed class TestApiServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "";
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method, path, context.Request.Headers["Range"].FirstOrDefault(),
                context.Request.Headers.Accept.FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.Headers.UserAgent.FirstOrDefault(), body));
            if (_routes.TryGetValue($"{context.Request.Method} {path}", out var handler))
            {
                await handler(context);
            }
            else
            {
                await Respond(context, 404, """{"id":"not_found","message":"no test route"}""");
            }
        });
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void On(string method, string path, Func<HttpContext, Task> handler) => _routes[$"{method} {path}"] = handler;

    /// <summary>Answers with <paramref name="responses"/> in turn (the last one repeats).</summary>
    public void OnSequence(string method, string path, params Func<HttpContext, Task>[] responses)
    {
        var calls = 0;
        On(method, path, context => responses[Math.Min(Interlocked.Increment(ref calls) - 1, responses.Length - 1)](context));
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => _requests.Where(r => r.Path == path).ToList();

    public static async Task Respond(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public static Func<HttpContext, Task> Respond(int status, string json, params (string Name, string Value)[] headers) =>
        context => Respond(context, status, json, headers);
}
