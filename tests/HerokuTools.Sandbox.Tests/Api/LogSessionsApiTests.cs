using System.Text;

namespace HerokuTools.Sandbox.Tests.Api;

public class LogSessionsApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_log_session_streams_the_recent_lines_as_server_sent_events_once()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { FOO = "bar" });
        var session = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/log-sessions", 201, new { lines = 2, source = "app" });
        var url = session.GetProperty("logplex_url").GetString()!;
        url.ShouldStartWith(sandbox.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/__sandbox/log-sessions/");

        using var http = new HttpClient();
        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Length.ShouldBe(2);
        events[0].ShouldMatch(@"^data: \d{4}-\d\d-\d\dT[\d:.]+\+00:00 app\[api\]: Set FOO config vars by user sandbox@heroku-tools.local$");
        events[1].ShouldEndWith(" app[api]: Release v2 created by user sandbox@heroku-tools.local");

        using var again = await http.GetAsync(url, TestContext.Current.CancellationToken);
        again.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound); // one use per session
    }

    [Fact]
    public async Task A_tailing_session_goes_on_with_new_lines()
    {
        var app = await sandbox.CreateApp();
        sandbox.Server.State.CreateSlugRelease(app, "abc", new Dictionary<string, string> { ["web"] = "node server.js" }, "Deploy abc");
        var session = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/log-sessions", 201, new { lines = 1, tail = true });
        using var http = new HttpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(session.GetProperty("logplex_url").GetString(), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);

        (await reader.ReadLineAsync(timeout.Token)).ShouldEndWith("app[api]: Release v2 created by user sandbox@heroku-tools.local");
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/formation/web", body: new { quantity = 2 });

        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.Contains("Scaled", StringComparison.Ordinal));
        line.ShouldNotBeNull().ShouldEndWith("app[api]: Scaled to web@2:Basic by user sandbox@heroku-tools.local");
    }
}
