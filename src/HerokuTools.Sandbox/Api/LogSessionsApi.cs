using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HerokuTools.Sandbox.Logs;
using HerokuTools.Sandbox.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HerokuTools.Sandbox.Api;

/// <summary>
/// POST /apps/{app}/log-sessions gives a <c>logplex_url</c>; GET on it returns the app's recent log lines as text
/// (what `heroku logs` reads). As with Heroku's log router, the URL itself is the credential (a random id), so it
/// lives under /__sandbox/ outside the API's token check. Tailing is not supported: the answer ends at once.
/// </summary>
internal static class LogSessionsApi
{
    private sealed record Session(string App, string? Dyno, string? Source, int Lines, DateTimeOffset Created);

    public static void MapLogSessions(this IEndpointRouteBuilder routes, SandboxState state, AppLogs logs)
    {
        var sessions = new ConcurrentDictionary<string, Session>(StringComparer.Ordinal);

        routes.MapPost("/apps/{app}/log-sessions", async (string app, HttpRequest request) =>
        {
            var found = state.FindApp(app);
            var body = request.ContentLength is > 0 ? await RequestBody.ReadAsync(request) : default;
            var lines = body.ValueKind == System.Text.Json.JsonValueKind.Object && body.TryGetProperty("lines", out var l) && l.TryGetInt32(out var n)
                ? Math.Clamp(n, 1, 1500)
                : 100;
            var dyno = body.ValueKind == System.Text.Json.JsonValueKind.Object ? body.String("dyno_name") ?? body.String("dyno") : null;
            var source = body.ValueKind == System.Text.Json.JsonValueKind.Object ? body.String("source") : null;
            var id = Guid.NewGuid().ToString();
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var now = state.Now();
            sessions[secret] = new Session(found.Name, dyno, source, lines, now);
            var url = $"{request.Scheme}://{request.Host}/__sandbox/log-sessions/{secret}";
            var view = new LogSessionView(ApiResults.Time(now), id, url, ApiResults.Time(now));
            return ApiResults.Json(view, ApiJsonContext.Default.LogSessionView, StatusCodes.Status201Created);
        });

        routes.MapGet("/__sandbox/log-sessions/{secret}", (string secret) =>
        {
            if (!sessions.TryRemove(secret, out var session) || DateTimeOffset.UtcNow - session.Created > TimeSpan.FromMinutes(5))
            {
                return Results.NotFound();
            }

            var text = new StringBuilder();
            foreach (var line in logs.Read(session.App, session.Lines, session.Dyno, session.Source))
            {
                text.Append(line).Append('\n');
            }

            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        });
    }
}

public sealed record LogSessionView(string CreatedAt, string Id, string LogplexUrl, string UpdatedAt);
