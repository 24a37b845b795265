namespace HerokuTools.Sandbox.Tests.Api;

public class DomainsApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task An_app_has_its_default_herokuapp_domain()
    {
        var app = await sandbox.CreateApp();

        var domains = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/domains");
        domains.GetArrayLength().ShouldBe(1);
        domains[0].GetProperty("hostname").GetString().ShouldBe($"{app}.herokuapp.com");
        domains[0].GetProperty("kind").GetString().ShouldBe("heroku");

        var id = domains[0].GetProperty("id").GetString()!;
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/domains/{id}")).GetProperty("hostname").GetString().ShouldBe($"{app}.herokuapp.com");
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/domains/{app}.herokuapp.com")).GetProperty("id").GetString().ShouldBe(id);
        var missing = await sandbox.Send(HttpMethod.Get, $"/apps/{app}/domains/www.example.com");
        (missing.Status, missing.Error).ShouldBe((404, "not_found"));
        (await sandbox.Send(HttpMethod.Get, "/apps/no-such-app/domains")).Status.ShouldBe(404);
    }
}
