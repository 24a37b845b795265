using HerokuTools.Common;
using HerokuTools.Workflow;

namespace HerokuTools.Tests.Workflow;

public class WorkflowConfigTests
{
    private static readonly WorkflowConfig Seed = WorkflowLoader.Parse(WorkflowSamples.Seed, "heroku-tools.yml");

    [Fact]
    public void Environment_finds_by_label()
    {
        Seed.Environment("uat").AppName.ShouldBe("my_app_2");
    }

    [Theory]
    [InlineData("stagign", "uat")]    // a typo of a synonym
    [InlineData("staging", "uat")]    // a synonym
    [InlineData("production", "live")]
    [InlineData("prod", "live")]
    [InlineData("develop", "dev")]
    [InlineData("lvie", "live")]      // a typo of a label
    [InlineData("UAT", "uat")]        // case
    [InlineData("my_app_3", "dev")]   // an app name answers with its label
    [InlineData("my_ap_2", "uat")]    // a typo of an app name
    public void An_unknown_name_suggests_the_likely_environment(string typed, string suggested)
    {
        var error = Should.Throw<ToolException>(() => Seed.Environment(typed));

        error.ExitCode.ShouldBe(ExitCodes.Usage);
        error.Message.ShouldBe($"unknown environment '{typed}' (known: live, uat, dev); did you mean '{suggested}'?");
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("x")]
    [InlineData("preview")]
    public void Nothing_close_gets_no_suggestion(string typed)
    {
        Should.Throw<ToolException>(() => Seed.Environment(typed))
            .Message.ShouldBe($"unknown environment '{typed}' (known: live, uat, dev)");
    }

    [Fact]
    public void Synonyms_work_both_ways()
    {
        var config = WorkflowLoader.Parse(WorkflowSamples.FullFeatured, "heroku-tools.yml");

        Should.Throw<ToolException>(() => config.Environment("uat"))
            .Message.ShouldBe("unknown environment 'uat' (known: live, staging, dev); did you mean 'staging'?");
    }

    [Fact]
    public void Order_helpers_follow_promotion_direction()
    {
        var (live, uat, dev) = (Seed.Environment("live"), Seed.Environment("uat"), Seed.Environment("dev"));

        Seed.IndexOf(live).ShouldBe(0);
        Seed.IndexOf(dev).ShouldBe(2);
        Seed.Above(dev).ShouldBe(uat);
        Seed.Above(uat).ShouldBe(live);
        Seed.Above(live).ShouldBeNull();
        Seed.Below(live).ShouldBe(uat);
        Seed.Below(dev).ShouldBeNull();
        Seed.IsAbove(live, dev).ShouldBeTrue();
        Seed.IsAbove(dev, uat).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Seed.IndexOf(new WorkflowEnvironment("qa", "q", "b")));
    }

    [Fact]
    public void Promotion_source_is_the_named_environment()
    {
        var config = WorkflowLoader.Parse(WorkflowSamples.FullFeatured, "heroku-tools.yml");

        config.PromotionSource(config.Environment("live")).ShouldBe(config.Environment("staging"));
        config.PromotionSource(config.Environment("staging")).ShouldBeNull();
    }
}
