using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HerokuTools.Sandbox.Logs;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HerokuTools.Sandbox.Api;

/// <summary>
/// POST /apps/{app}/log-sessions gives a <c>logplex_url</c>; GET on it streams the app's recent log lines as
/// server-sent events (one <c>data:</c> event per line, what `heroku logs` reads), and ends unless the session was
/// made with <c>tail</c>: then it goes on sending new lines until the client goes away. As with Heroku's log router,
/// the URL itself is the credential (a random id, one use), so it lives under /__sandbox/ outside the token check.
/// </summary>
internal static class LogSessionsApi
{
    private static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(200);

    private sealed record Session(string App, string? Dyno, string? Source, int Lines, bool Tail, DateTimeOffset Created);

    public static void MapLogSessions(this IEndpointRouteBuilder routes, SandboxState state, AppLogs logs)
    {
        var sessions = new ConcurrentDictionary<string, Session>(StringComparer.Ordinal);

        routes.MapPost("/apps/{app}/log-sessions", async (string app, HttpRequest request) =>
        {
            var found = state.FindApp(app);
            var body = await RequestBody.ReadAsync(request);
            var lines = body.TryGetProperty("lines", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.Number && l.TryGetInt32(out var n) ? Math.Clamp(n, 1, 1500) : 100;
            var dyno = body.String("dyno_name") ?? body.String("dyno");
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var now = state.Now();
            sessions[secret] = new Session(found.Name, dyno, body.String("source"), lines, body.Bool("tail") ?? false, now);
            var url = $"{request.Scheme}://{request.Host}/__sandbox/log-sessions/{secret}";
            var view = new LogSessionView(ApiResults.Time(now), Guid.NewGuid().ToString(), url, ApiResults.Time(now));
            return ApiResults.Json(view, ApiJsonContext.Default.LogSessionView, StatusCodes.Status201Created);
        });

        routes.MapGet("/__sandbox/log-sessions/{secret}", async (string secret, HttpContext context) =>
        {
            if (!sessions.TryRemove(secret, out var session) || DateTimeOffset.UtcNow - session.Created > TimeSpan.FromMinutes(5))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var recent = logs.Read(session.App, session.Lines, session.Dyno, session.Source, out var last);
            await WriteAsync(context.Response, recent, done.Token);
            try
            {
                while (session.Tail)
                {
                    await Task.Delay(TailPoll, done.Token);
                    await WriteAsync(context.Response, logs.ReadAfter(session.App, last, session.Dyno, session.Source, out last), done.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped tailing, or the sandbox stops.
            }
        });
    }

    private static async Task WriteAsync(HttpResponse response, IReadOnlyList<AppLogLine> lines, CancellationToken cancellation)
    {
        if (lines.Count == 0)
        {
            await response.Body.FlushAsync(cancellation);
            return;
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append("data: ").Append(line).Append("\n\n");
        }

        await response.WriteAsync(text.ToString(), cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}

public sealed record LogSessionView(string CreatedAt, string Id, string LogplexUrl, string UpdatedAt);
