using System.Collections.Concurrent;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public sealed class DetachedDynoTests(RendezvousFixture fixture)
{
    [Fact]
    public async Task Captures_output_and_sends_each_line_to_the_log()
    {
        var lines = new ConcurrentQueue<string>();
        await using var runner = new DynoRunner(null, new DynoRunnerOptions { LogLine = (spec, line) => lines.Enqueue($"{spec.Name}: {line}") });

        var dyno = runner.Start(RendezvousFixture.Spec("echo one; echo two >&2; printf 'no newline'; exit 4",
            fixture.NewWorkingDirectory(), attach: false));

        dyno.AttachUrl.ShouldBeNull();
        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).ShouldBe(4);
        dyno.State.ShouldBe(DynoStates.Crashed);
        dyno.Output.ShouldBe("one\ntwo\nno newline");
        lines.ShouldBe(["run.1: one", "run.1: two", "run.1: no newline"]);
    }

    [Fact]
    public async Task Keeps_only_the_last_part_of_long_output()
    {
        await using var runner = new DynoRunner(null, new DynoRunnerOptions { OutputLimit = 100 });

        var dyno = runner.Start(RendezvousFixture.Spec("seq 1 1000", fixture.NewWorkingDirectory(), attach: false));

        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).ShouldBe(0);
        dyno.State.ShouldBe(DynoStates.Complete);
        dyno.Output.Length.ShouldBe(100);
        dyno.Output.ShouldEndWith("\n999\n1000\n");
    }

    [Fact]
    public async Task A_missing_working_directory_crashes_the_dyno()
    {
        await using var runner = new DynoRunner(null);

        var dyno = runner.Start(RendezvousFixture.Spec("true", Path.Combine(fixture.Directory, "missing"), attach: false));

        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).ShouldBe(DynoExitStatus.FailedToStart);
        dyno.State.ShouldBe(DynoStates.Crashed);
        dyno.Output.ShouldContain("could not start");
    }
}
