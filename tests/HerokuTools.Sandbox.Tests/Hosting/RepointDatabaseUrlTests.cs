using HerokuTools.Sandbox.Hosting;
using HerokuTools.Sandbox.State;

namespace HerokuTools.Sandbox.Tests.Hosting;

public sealed class RepointDatabaseUrlTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void When_postgres_comes_up_on_another_port_the_addon_urls_follow_it_and_nothing_else_changes()
    {
        var state = new SandboxState(_dir.Path, TimeProvider.System);
        var app = state.CreateApp("moved-db");
        var addon = state.AddAddon(state.PlanAddon(app.Id, "heroku-postgresql", null), "postgres://u_x:p4ss@127.0.0.1:5433/d_x");
        state.UpdateConfigVars(app.Id, new Dictionary<string, string?> { ["OTHER_URL"] = "postgres://a:b@127.0.0.1:5433/other" });
        var before = state.Releases(app.Id).Count;

        SandboxHost.RepointDatabaseUrls(state, 6543);

        var config = state.ConfigVars(app.Id);
        config[addon.ConfigVars.Single()].ShouldBe("postgres://u_x:p4ss@127.0.0.1:6543/d_x");
        config["OTHER_URL"].ShouldBe("postgres://a:b@127.0.0.1:5433/other");
        state.Releases(app.Id).Count.ShouldBe(before + 1);

        SandboxHost.RepointDatabaseUrls(state, 6543);
        state.Releases(app.Id).Count.ShouldBe(before + 1);
    }

    public void Dispose() => _dir.Dispose();
}
