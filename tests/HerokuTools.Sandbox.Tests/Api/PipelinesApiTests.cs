namespace HerokuTools.Sandbox.Tests.Api;

public class PipelinesApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Dictionary<string, string> Web = new() { ["web"] = "node server.js" };

    [Fact]
    public async Task Pipeline_couplings_and_a_promotion()
    {
        var pipeline = await sandbox.Contract(HttpMethod.Post, "/pipelines", 201, new { name = "shop" });
        var pipelineId = pipeline.GetProperty("id").GetString()!;
        (await sandbox.Contract(HttpMethod.Get, "/pipelines")).EnumerateArray()
            .Count(p => p.GetProperty("id").GetString() == pipelineId).ShouldBe(1);
        (await sandbox.Contract(HttpMethod.Get, $"/pipelines/{pipelineId}")).GetProperty("name").GetString().ShouldBe("shop");

        var dev = await sandbox.CreateApp("shop-dev");
        var uat = await sandbox.CreateApp("shop-uat");
        var devId = (await sandbox.Contract(HttpMethod.Get, $"/apps/{dev}")).GetProperty("id").GetString()!;
        var uatId = (await sandbox.Contract(HttpMethod.Get, $"/apps/{uat}")).GetProperty("id").GetString()!;

        var notCoupled = await sandbox.Send(HttpMethod.Get, $"/apps/{dev}/pipeline-couplings");
        notCoupled.Status.ShouldBe(404);
        notCoupled.Error.ShouldBe("not_found");

        await sandbox.Contract(HttpMethod.Post, "/pipeline-couplings", 201, new { app = dev, pipeline = pipelineId, stage = "development" });
        await sandbox.Contract(HttpMethod.Post, "/pipeline-couplings", 201, new { app = uatId, pipeline = pipelineId, stage = "staging" });
        var coupling = await sandbox.Contract(HttpMethod.Get, $"/apps/{dev}/pipeline-couplings");
        coupling.GetProperty("stage").GetString().ShouldBe("development");
        coupling.GetProperty("pipeline").GetProperty("id").GetString().ShouldBe(pipelineId);
        (await sandbox.Contract(HttpMethod.Get, $"/pipelines/{pipelineId}/pipeline-couplings")).GetArrayLength().ShouldBe(2);

        var deployed = sandbox.Server.State.CreateSlugRelease(dev, "abc123", Web, "Deploy abc123");
        await sandbox.Contract(HttpMethod.Patch, $"/apps/{uat}/config-vars", body: new { STAGE = "uat" });

        var promotion = await sandbox.Contract(HttpMethod.Post, "/pipeline-promotions", 201, new
        {
            pipeline = new { id = pipelineId },
            source = new { app = new { id = devId } },
            targets = new[] { new { app = new { id = uatId } } },
        });
        promotion.GetProperty("status").GetString().ShouldBe("completed");
        promotion.GetProperty("source").GetProperty("release").GetProperty("id").GetString().ShouldBe(deployed.Id);
        var promotionId = promotion.GetProperty("id").GetString();
        (await sandbox.Contract(HttpMethod.Get, $"/pipeline-promotions/{promotionId}")).GetProperty("id").GetString().ShouldBe(promotionId);

        var targets = await sandbox.Contract(HttpMethod.Get, $"/pipeline-promotions/{promotionId}/promotion-targets");
        targets[0].GetProperty("status").GetString().ShouldBe("succeeded");
        var targetRelease = targets[0].GetProperty("release").GetProperty("id").GetString()!;

        var released = await sandbox.Contract(HttpMethod.Get, $"/apps/{uat}/releases/{targetRelease}");
        released.GetProperty("slug").GetProperty("id").GetString().ShouldBe(deployed.SlugId);
        released.GetProperty("description").GetString().ShouldBe($"Promote {dev} v{deployed.Version}");
        released.GetProperty("current").GetBoolean().ShouldBeTrue();
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{uat}/config-vars")).GetProperty("STAGE").GetString().ShouldBe("uat");
        await sandbox.Contract(HttpMethod.Get, $"/apps/{uat}/slugs/{deployed.SlugId}");
        (await sandbox.Contract(HttpMethod.Get, $"/apps/{uat}/formation/web")).GetProperty("quantity").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_pipeline_by_name_and_its_apps_by_filter_as_pipelines_info_asks()
    {
        await sandbox.Contract(HttpMethod.Post, "/pipelines", 201, new { name = "by-name" });
        await sandbox.Contract(HttpMethod.Post, "/pipelines", 201, new { name = "by-name-other" });
        var found = await sandbox.Contract(HttpMethod.Get, "/pipelines?eq[name]=by-name");
        found.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["by-name"]);
        (await sandbox.Contract(HttpMethod.Get, "/pipelines?eq[name]=nothing-called-this")).GetArrayLength().ShouldBe(0);

        var app = await sandbox.CreateApp();
        await sandbox.CreateApp();
        var id = (await sandbox.Contract(HttpMethod.Get, $"/apps/{app}")).GetProperty("id").GetString()!;
        var apps = await sandbox.Contract(HttpMethod.Post, "/filters/apps", body: new { @in = new { id = new[] { id } } });
        apps.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe([app]);
        (await sandbox.Send(HttpMethod.Post, "/filters/apps", new { })).Status.ShouldBe(422);
    }

    [Fact]
    public async Task Promoting_an_app_without_a_slug_is_422()
    {
        var pipeline = await sandbox.Contract(HttpMethod.Post, "/pipelines", 201, new { name = "empty-pipe" });
        var source = await sandbox.Contract(HttpMethod.Post, "/apps", 201, new { });
        var target = await sandbox.Contract(HttpMethod.Post, "/apps", 201, new { });
        var response = await sandbox.Send(HttpMethod.Post, "/pipeline-promotions", new
        {
            pipeline = new { id = pipeline.GetProperty("id").GetString() },
            source = new { app = new { id = source.GetProperty("id").GetString() } },
            targets = new[] { new { app = new { id = target.GetProperty("id").GetString() } } },
        });
        response.Status.ShouldBe(422);
        response.Error.ShouldBe("invalid_params");
    }

    [Fact]
    public async Task Bad_stage_and_unknown_pipeline_are_rejected()
    {
        var app = await sandbox.CreateApp();
        var pipeline = await sandbox.Contract(HttpMethod.Post, "/pipelines", 201, new { name = "stages" });
        var stage = await sandbox.Send(HttpMethod.Post, "/pipeline-couplings", new { app, pipeline = pipeline.GetProperty("id").GetString(), stage = "prod" });
        stage.Status.ShouldBe(422);
        var unknown = await sandbox.Send(HttpMethod.Get, $"/pipelines/{Guid.NewGuid()}");
        unknown.Status.ShouldBe(404);
        unknown.Error.ShouldBe("not_found");
    }
}
