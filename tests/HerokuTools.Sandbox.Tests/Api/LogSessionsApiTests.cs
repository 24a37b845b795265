namespace HerokuTools.Sandbox.Tests.Api;

public class LogSessionsApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Create_answers_a_log_session_with_a_logplex_url()
    {
        var app = await sandbox.CreateApp();
        var session = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/log-sessions", 201, new { lines = 5, source = "app" });
        var url = session.GetProperty("logplex_url").GetString()!;
        url.ShouldStartWith(sandbox.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/__sandbox/log-sessions/");

        using var http = new HttpClient();
        (await http.GetStringAsync(url, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        using var again = await http.GetAsync(url, TestContext.Current.CancellationToken);
        again.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound); // one use per session
    }
}
