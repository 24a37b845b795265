using HerokuTools.Deploy;
using HerokuTools.Git;

namespace HerokuTools.Tests.Deploy;

/// <summary>The planner is pure: these run without git or Heroku.</summary>
public class DeployPlannerTests
{
    private static readonly DeployTarget Target = new("dev", "app-dev", MaintenanceOn: false, ReleasePhaseCommand: null) { RemoteHead = "b".PadRight(40, 'b') };

    private static Changeset Changes(params string[] files) =>
        new("a".PadRight(40, 'a'), "c".PadRight(40, 'c'), [new CommitInfo("c".PadRight(40, 'c'), "Dev", DateTimeOffset.UnixEpoch, "Change")],
            files.Select(f => new FileChange('M', f)).ToList());

    private static DeployPlan Plan(Changeset changes, DeploySettings? settings = null, DeployOverrides? overrides = null, DeployTarget? target = null) =>
        DeployPlanner.Plan(target ?? Target, "dev", changes, settings ?? DeploySettings.Default, "migrate", "collect", overrides ?? new DeployOverrides());

    [Fact]
    public void Custom_trigger_globs_decide_the_steps()
    {
        var settings = DeploySettings.Default with { MigrateTriggers = ["db/**"], CollectstaticTriggers = ["assets/**"] };

        Plan(Changes("app/migrations/1.py"), settings).Has(StepKind.Migrate).ShouldBeFalse();
        var plan = Plan(Changes("db/1.sql", "assets/a.css"), settings);
        plan.Has(StepKind.Migrate).ShouldBeTrue();
        plan.Has(StepKind.Collectstatic).ShouldBeTrue();
        plan.Steps.Single(s => s.Kind == StepKind.Migrate).Reason.ShouldBe("1 migration changed");
    }

    [Fact]
    public void Command_line_overrides_beat_detection_and_policy()
    {
        var plan = Plan(Changes("app.py"), overrides: new DeployOverrides { Migrate = true, Maintenance = MaintenancePolicy.Never });
        plan.Has(StepKind.Migrate).ShouldBeTrue();
        plan.Has(StepKind.MaintenanceOn).ShouldBeFalse();

        Plan(Changes("migrations/1.sql"), overrides: new DeployOverrides { Migrate = false }).Has(StepKind.Migrate).ShouldBeFalse();
    }

    [Fact]
    public void Maintenance_already_on_is_left_alone()
    {
        var plan = Plan(Changes("migrations/1.sql"), target: Target with { MaintenanceOn = true });
        plan.Has(StepKind.MaintenanceOn).ShouldBeFalse();
        plan.Has(StepKind.MaintenanceOff).ShouldBeFalse();
        plan.Notes.ShouldContain(n => n.Contains("already on", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("python manage.py migrate --noinput", "python manage.py migrate", true)]
    [InlineData("bin/release && sh bin/migrate", "sh bin/migrate", true)]
    [InlineData("python manage.py check", "python manage.py migrate", false)]
    public void Release_phase_detection(string release, string migrate, bool runs) =>
        DeployPlanner.ReleasePhaseRuns(release, migrate).ShouldBe(runs);

    [Fact]
    public void The_push_carries_a_lease_unless_forced()
    {
        Plan(Changes("a")).Steps.Single(s => s.Kind == StepKind.Push).Title.ShouldContain("lease on bbbbbbb");
        Plan(Changes("a"), overrides: new DeployOverrides { Force = true }).Steps.Single(s => s.Kind == StepKind.Push).Title.ShouldContain("(forced)");
    }
}
