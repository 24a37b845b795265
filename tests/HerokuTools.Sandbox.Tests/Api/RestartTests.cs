using HerokuTools.Sandbox.Hosting;

namespace HerokuTools.Sandbox.Tests.Api;

public class RestartTests
{
    [Fact]
    public async Task A_restart_on_the_same_directory_keeps_the_token_and_all_state()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sbapi-restart-" + Guid.NewGuid().ToString("N"));
        var provisioner = new TestPostgresProvisioner();
        var options = new SandboxOptions { Directory = directory, PostgresProvisioner = provisioner };
        try
        {
            string token;
            await using (var first = await SandboxServer.StartAsync(options, TestContext.Current.CancellationToken))
            {
                token = first.Token;
                using var http = SandboxFixture.ClientFor(first);
                (await SandboxFixture.Send(http, HttpMethod.Post, "/apps", new { name = "keep-me" })).Status.ShouldBe(201);
                await SandboxFixture.Send(http, HttpMethod.Patch, "/apps/keep-me/config-vars", new { FOO = "bar" });
                first.State.CreateSlugRelease("keep-me", "abc", new Dictionary<string, string> { ["web"] = "run" }, "Deploy abc");
                await SandboxFixture.Send(http, HttpMethod.Patch, "/apps/keep-me/formation/web", new { quantity = 2 });
                (await SandboxFixture.Send(http, HttpMethod.Post, "/apps/keep-me/addons", new { plan = "heroku-postgresql" })).Status.ShouldBe(201);
                var pipeline = await SandboxFixture.Send(http, HttpMethod.Post, "/pipelines", new { name = "kept" });
                await SandboxFixture.Send(http, HttpMethod.Post, "/pipeline-couplings",
                    new { app = "keep-me", pipeline = pipeline.Body.GetProperty("id").GetString(), stage = "production" });
            }

            File.Exists(Path.Combine(directory, "state.json")).ShouldBeTrue();
            File.ReadAllText(Path.Combine(directory, "state.json")).ShouldNotContain(token);

            await using var second = await SandboxServer.StartAsync(options, TestContext.Current.CancellationToken);
            second.Token.ShouldBe(token);
            using var again = SandboxFixture.ClientFor(second);
            (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/config-vars")).Body.GetProperty("FOO").GetString().ShouldBe("bar");
            (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/releases")).Body.GetArrayLength().ShouldBe(4);
            (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/formation/web")).Body.GetProperty("quantity").GetInt32().ShouldBe(2);
            (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/addons")).Body.GetArrayLength().ShouldBe(1);
            (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/pipeline-couplings")).Body.GetProperty("stage").GetString().ShouldBe("production");
            var current = (await SandboxFixture.Send(again, HttpMethod.Get, "/apps/keep-me/releases/4")).Body;
            current.GetProperty("current").GetBoolean().ShouldBeTrue();
            (await SandboxFixture.Send(again, HttpMethod.Get, $"/apps/keep-me/slugs/{current.GetProperty("slug").GetProperty("id").GetString()}")).Status.ShouldBe(200);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
