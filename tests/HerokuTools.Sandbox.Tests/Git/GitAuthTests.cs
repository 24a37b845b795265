using System.Text;

namespace HerokuTools.Sandbox.Tests.Git;

public class GitAuthTests(GitServerFixture server)
{
    [Fact]
    public void Push_with_a_wrong_token_fails_without_prompting_or_showing_the_token()
    {
        const string wrong = "wrong-token-93ad1";
        var app = GitServerFixture.NewAppName("auth");
        using var client = new GitClient(server.AuthEnvironment(wrong));
        client.Commit("x");

        var run = client.Run("push", server.UrlOf(app), "master");

        run.ExitCode.ShouldNotBe(0);
        // git asks for credentials after the 401; with prompts off it stops there.
        (run.Err.Contains("terminal prompts disabled", StringComparison.Ordinal)
            || run.Err.Contains("Authentication failed", StringComparison.Ordinal)).ShouldBeTrue(run.Err);
        (run.Err + run.Out).ShouldNotContain(wrong);
        server.Receiver.PushesTo(app).ShouldBeEmpty();
    }

    [Fact]
    public void Clone_without_credentials_gets_a_basic_challenge_and_does_not_prompt()
    {
        var app = GitServerFixture.NewAppName("noauth");
        using var client = new GitClient(new Dictionary<string, string>(), init: false);

        var run = client.Run("clone", server.UrlOf(app), "work");

        run.ExitCode.ShouldNotBe(0);
        run.Err.ShouldContain("terminal prompts disabled");
    }

    [Fact]
    public async Task Missing_token_is_a_401_with_Herokus_realm()
    {
        using var http = new HttpClient();
        var url = server.UrlOf(GitServerFixture.NewAppName("realm")) + "/info/refs?service=git-upload-pack";

        using var response = await http.GetAsync(new Uri(url), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(401);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Basic realm=\"Heroku\"");
    }

    [Fact]
    public void The_token_never_appears_in_any_process_command_line_during_a_push()
    {
        var app = GitServerFixture.NewAppName("argv");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + GitServerFixture.Token));
        var seen = new List<string>();
        var scanned = 0;
        server.Receiver.Behaviour[app] = _ =>
        {
            // Runs mid-push: git push, git-remote-http, http-backend, receive-pack and the hook are all alive.
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    scanned++;
                    if (cmdline.Contains(GitServerFixture.Token, StringComparison.Ordinal) || cmdline.Contains(basic, StringComparison.Ordinal))
                    {
                        seen.Add(cmdline);
                    }

                    if (cmdline.Contains("receive-pack", StringComparison.Ordinal))
                    {
                        seen.Add("(receive-pack seen)");
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            return null;
        };
        using var client = new GitClient(server.AuthEnvironment());
        client.Commit("x");

        var run = client.Run("push", server.UrlOf(app), "master");

        run.ExitCode.ShouldBe(0, run.Err);
        scanned.ShouldBeGreaterThan(3);
        seen.ShouldContain("(receive-pack seen)");
        seen.Where(s => !s.StartsWith('(')).ShouldBeEmpty();
        (run.Err + run.Out).ShouldNotContain(GitServerFixture.Token);
    }
}
