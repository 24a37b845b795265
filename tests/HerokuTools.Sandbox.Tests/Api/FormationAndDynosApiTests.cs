using HerokuTools.Sandbox.Hosting;

namespace HerokuTools.Sandbox.Tests.Api;

public class FormationAndDynosApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Dictionary<string, string> Procfile = new() { ["web"] = "node server.js", ["worker"] = "node worker.js" };

    [Fact]
    public async Task A_deploy_creates_the_formation_and_it_scales()
    {
        var app = await sandbox.CreateApp();
        sandbox.Server.State.CreateSlugRelease(app, "abc", Procfile, "Deploy abc");

        var formation = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/formation");
        formation.EnumerateArray().Select(f => (f.GetProperty("type").GetString(), f.GetProperty("quantity").GetInt32()))
            .ShouldBe([("web", 1), ("worker", 0)]);

        var worker = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/formation/worker");
        worker.GetProperty("command").GetString().ShouldBe("node worker.js");

        var scaled = await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/formation/worker", body: new { quantity = 2, dyno_size = new { name = "Standard-1X" } });
        scaled.GetProperty("quantity").GetInt32().ShouldBe(2);
        scaled.GetProperty("size").GetString().ShouldBe("Standard-1X");

        var batch = await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/formation", body: new
        {
            updates = new object[] { new { type = "web", quantity = 3 }, new { type = "worker", quantity = 0 } },
        });
        batch.EnumerateArray().Select(f => f.GetProperty("quantity").GetInt32()).ShouldBe([3, 0]);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/formation/web")).GetProperty("quantity").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task The_formation_s_dynos_are_listed_as_idle_next_to_one_off_dynos()
    {
        var app = await sandbox.CreateApp();
        sandbox.Server.State.CreateSlugRelease(app, "abc", Procfile, "Deploy abc");
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/formation", body: new { updates = new object[] { new { type = "web", quantity = 2 } } });
        await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "echo hi" });

        var dynos = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos");
        dynos.EnumerateArray().Select(d => (d.GetProperty("type").GetString(), d.GetProperty("state").GetString()))
            .ShouldBe([("run", "up"), ("web", "idle"), ("web", "idle")]);
        dynos.EnumerateArray().Skip(1).Select(d => d.GetProperty("name").GetString()).ShouldBe(["web.1", "web.2"]);
        var web2 = await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos/web.2");
        (web2.GetProperty("command").GetString(), web2.GetProperty("release").GetProperty("version").GetInt32()).ShouldBe(("node server.js", 2));
    }

    [Fact]
    public async Task Scaling_an_unknown_process_type_is_404_and_changes_nothing()
    {
        var app = await sandbox.CreateApp();
        sandbox.Server.State.CreateSlugRelease(app, "abc", Procfile, "Deploy abc");
        var response = await sandbox.Send(HttpMethod.Patch, $"/apps/{app}/formation", new
        {
            updates = new object[] { new { type = "web", quantity = 5 }, new { type = "clock", quantity = 1 } },
        });
        response.Status.ShouldBe(404);
        response.Error.ShouldBe("not_found");
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/formation/web")).GetProperty("quantity").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_one_off_dyno_runs_with_the_config_vars_port_and_dyno_name()
    {
        var app = await sandbox.CreateApp();
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{app}/config-vars", body: new { SECRET = "s3cret" });

        var dyno = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "echo hi", attach = true, type = "run" });
        var name = dyno.GetProperty("name").GetString()!;
        name.ShouldMatch(@"^run\.\d+$");
        dyno.GetProperty("attach_url").GetString().ShouldBe("rendezvous://127.0.0.1:5000/secret-" + name);
        dyno.GetProperty("release").GetProperty("version").GetInt32().ShouldBe(2);

        var spec = sandbox.Dynos.Started.Single(s => s.App == app);
        spec.Command.ShouldBe("echo hi");
        spec.Attach.ShouldBeTrue();
        spec.Environment["SECRET"].ShouldBe("s3cret");
        spec.Environment["DYNO"].ShouldBe(name);
        int.Parse(spec.Environment["PORT"], System.Globalization.CultureInfo.InvariantCulture).ShouldBePositive();
        Directory.Exists(spec.WorkingDirectory).ShouldBeTrue();

        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos")).GetArrayLength().ShouldBe(1);
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos/{name}")).GetProperty("state").GetString().ShouldBe("up");
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos/{dyno.GetProperty("id").GetString()}")).GetProperty("name").GetString().ShouldBe(name);
        (await sandbox.Send(HttpMethod.Get, $"/apps/{app}/dynos/run.0")).Status.ShouldBe(404);
    }

    [Theory]
    [InlineData(HerokuTools.Sandbox.Dynos.DynoStates.Complete)]
    [InlineData(HerokuTools.Sandbox.Dynos.DynoStates.Crashed)]
    public async Task A_one_off_dyno_whose_command_exited_is_gone_as_on_heroku(string state)
    {
        var app = await sandbox.CreateApp();
        var first = (await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "true" })).GetProperty("name").GetString()!;
        var second = (await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "sleep 60" })).GetProperty("name").GetString()!;

        sandbox.Dynos.Finish(app, first, state);

        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos")).EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldBe([second]);
        (await sandbox.Send(HttpMethod.Get, $"/apps/{app}/dynos/{first}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Stop_and_restart_end_a_one_off_dyno_and_answer_202()
    {
        var app = await sandbox.CreateApp();
        var first = (await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "sleep 60" })).GetProperty("name").GetString()!;
        var second = await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "sleep 60" });
        var third = (await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos", 201, new { command = "sleep 60" })).GetProperty("name").GetString()!;

        (await sandbox.Contract(HttpMethod.Post, $"/apps/{app}/dynos/{first}/actions/stop", 202)).EnumerateObject().ShouldBeEmpty();
        (await sandbox.Contract(HttpMethod.Delete, $"/apps/{app}/dynos/{second.GetProperty("id").GetString()}", 202)).EnumerateObject().ShouldBeEmpty();

        sandbox.Dynos.WasStopped(app, first).ShouldBeTrue();
        sandbox.Dynos.WasStopped(app, second.GetProperty("name").GetString()!).ShouldBeTrue();
        sandbox.Dynos.WasStopped(app, third).ShouldBeFalse();
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}/dynos")).EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldBe([third]);
        (await sandbox.Send(HttpMethod.Post, $"/apps/{app}/dynos/run.0/actions/stop")).Status.ShouldBe(404);
        await sandbox.Contract(HttpMethod.Delete, $"/apps/{app}/dynos", 202);
        sandbox.Dynos.WasStopped(app, third).ShouldBeTrue();
    }

    [Fact]
    public async Task A_dyno_without_a_command_is_422()
    {
        var app = await sandbox.CreateApp();
        var response = await sandbox.Send(HttpMethod.Post, $"/apps/{app}/dynos", new { attach = false });
        response.Status.ShouldBe(422);
        response.Error.ShouldBe("invalid_params");
    }

    [Fact]
    public async Task Without_a_runner_or_provisioner_those_endpoints_are_503()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sbapi-bare-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var bare = await SandboxServer.StartAsync(new SandboxOptions { Directory = directory }, TestContext.Current.CancellationToken);
            using var http = SandboxFixture.ClientFor(bare);
            (await SandboxFixture.Send(http, HttpMethod.Post, "/apps", new { name = "bare-app" })).Status.ShouldBe(201);
            var dyno = await SandboxFixture.Send(http, HttpMethod.Post, "/apps/bare-app/dynos", new { command = "ls" });
            dyno.Status.ShouldBe(503);
            dyno.Error.ShouldBe("unavailable");
            var addon = await SandboxFixture.Send(http, HttpMethod.Post, "/apps/bare-app/addons", new { plan = "heroku-postgresql" });
            addon.Status.ShouldBe(503);
            addon.Error.ShouldBe("unavailable");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
