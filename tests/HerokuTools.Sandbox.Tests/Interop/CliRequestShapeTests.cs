using System.Net;
using System.Text.Json.Nodes;

namespace HerokuTools.Sandbox.Tests.Interop;

/// <summary>Request shapes the official CLI sends, checked without node (the interop test may be skipped).</summary>
public sealed class CliRequestShapeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Addon_create_takes_the_plan_as_an_object_with_a_name_as_addons_create_sends_it()
    {
        var app = SandboxFixture.NewAppName("plan");
        await sandbox.CreateAppAsync(app);

        var addon = await sandbox.SendAsync(HttpMethod.Post, $"/apps/{app}/addons", new JsonObject
        {
            ["attachment"] = new JsonObject(),
            ["config"] = new JsonObject(),
            ["plan"] = new JsonObject { ["name"] = "heroku-postgresql" },
        });

        addon["plan"]!["name"]!.GetValue<string>().ShouldStartWith("heroku-postgresql");
        (await sandbox.GetAsync($"/apps/{app}/config-vars"))["DATABASE_URL"]!.GetValue<string>().ShouldStartWith("postgres://");
    }

    [Fact]
    public async Task A_plan_object_without_a_name_or_id_is_invalid_params()
    {
        var app = SandboxFixture.NewAppName("plan");
        await sandbox.CreateAppAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/apps/{app}/addons")
        {
            Content = new StringContent("""{"plan":{}}""", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await sandbox.Api.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("invalid_params");
    }
}
