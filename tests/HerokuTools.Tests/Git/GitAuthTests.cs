using System.Text;
using HerokuTools.Git;
using HerokuTools.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HerokuTools.Tests.Git;

public class GitAuthTests
{
    private const string Token = "tok-3f9a1c7e-secret-value";

    [Fact]
    public async Task The_token_is_never_on_git_s_command_line_only_in_its_environment()
    {
        using var dir = new TempDirectory();
        var record = dir.Combine("record.txt");
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        var fake = Path.Combine(bin, "git");
        await File.WriteAllTextAsync(fake, $"#!/bin/sh\n{{ printf 'ARGV:%s\\n' \"$@\"; env | sed 's/^/ENV:/'; }} > '{record}'\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var git = new GitCli(dir.Path, new Dictionary<string, string> { ["PATH"] = bin });
        var url = GitAuth.RemoteUrl("my-app", "https://git.heroku.com/{app}.git");
        var result = await git.RunAsync(["push", url.ToString(), "HEAD:refs/heads/main"],
            new GitRunOptions { Environment = GitAuth.Environment(url, Token) }, TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(record, TestContext.Current.CancellationToken);
        var argv = lines.Where(l => l.StartsWith("ARGV:", StringComparison.Ordinal)).ToList();
        argv.ShouldContain("ARGV:https://git.heroku.com/my-app.git");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + Token));
        argv.ShouldAllBe(l => !l.Contains(Token) && !l.Contains(encoded));
        lines.ShouldContain("ENV:GIT_TERMINAL_PROMPT=0");
        lines.ShouldContain($"ENV:GIT_CONFIG_VALUE_0=Authorization: Basic {encoded}");
        lines.ShouldContain("ENV:GIT_CONFIG_KEY_0=http.https://git.heroku.com/.extraHeader");
    }

    [Fact]
    public async Task Real_git_sends_the_token_as_basic_auth_to_the_git_host_only()
    {
        var seen = new List<string?>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(ctx =>
        {
            lock (seen)
            {
                seen.Add(ctx.Request.Headers.Authorization.ToString());
            }

            ctx.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var baseUrl = app.Urls.Single();

        using var repo = new GitRepo();
        var url = GitAuth.RemoteUrl("my-app", baseUrl + "/git/{app}.git");
        var git = new GitCli(repo.Path, CurrentEnvironment());
        var r = await git.RunAsync(["ls-remote", url.ToString()],
            new GitRunOptions { Environment = GitAuth.Environment(url, Token) }, TestContext.Current.CancellationToken);

        r.Success.ShouldBeFalse(); // the server answers 404: git must fail, not prompt
        r.StandardError.ShouldNotContain(Token);
        seen.ShouldNotBeEmpty();
        seen[0].ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("heroku:" + Token)));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(null, "my-app", "https://git.heroku.com/my-app.git")]
    [InlineData("http://127.0.0.1:5000/git/{app}.git", "x", "http://127.0.0.1:5000/git/x.git")]
    [InlineData("http://127.0.0.1:5000/git", "x", "http://127.0.0.1:5000/git/x.git")]
    public void Remote_url_follows_the_HEROKU_GIT_URL_template(string? template, string app, string expected) =>
        GitAuth.RemoteUrl(app, template).ToString().ShouldBe(expected);

    private static Dictionary<string, string> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}
