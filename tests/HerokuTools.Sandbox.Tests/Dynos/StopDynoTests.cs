using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public sealed class StopDynoTests(RendezvousFixture fixture)
{
    [Fact]
    public async Task Stop_terminates_the_whole_process_tree()
    {
        await using var runner = new DynoRunner(null);
        var directory = fixture.NewWorkingDirectory();
        var dyno = runner.Start(RendezvousFixture.Spec(
            "bash -c 'sleep 300 & echo $! > grandchild; wait' & echo $! > child; wait", directory, attach: false));
        var child = int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "child")));
        var grandchild = int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "grandchild")));
        dyno.State.ShouldBe(DynoStates.Up);

        await dyno.StopAsync().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        dyno.State.ShouldBe(DynoStates.Crashed);
        (await dyno.Completion).ShouldBe(128 + 15);
        (await Processes.EndsWithinAsync(child, TimeSpan.FromSeconds(5))).ShouldBeTrue();
        (await Processes.EndsWithinAsync(grandchild, TimeSpan.FromSeconds(5))).ShouldBeTrue();
    }

    [Fact]
    public async Task Stop_kills_what_ignores_sigterm_after_the_grace_period()
    {
        await using var runner = new DynoRunner(null, new DynoRunnerOptions { StopGracePeriod = TimeSpan.FromMilliseconds(300) });
        var directory = fixture.NewWorkingDirectory();
        var dyno = runner.Start(RendezvousFixture.Spec("trap '' TERM; echo $$ > pid; while true; do sleep 0.05; done", directory, attach: false));
        var pid = int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "pid")));

        await dyno.StopAsync().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        (await dyno.Completion).ShouldBe(128 + 9);
        Processes.IsRunning(pid).ShouldBeFalse();
    }

    [Fact]
    public async Task Leftover_background_processes_die_with_the_dyno_and_dispose_stops_running_dynos()
    {
        var directory = fixture.NewWorkingDirectory();
        int leftover;
        int running;
        DynoSession longRunning;
        await using (var runner = new DynoRunner(fixture.Server))
        {
            var finished = runner.Start(RendezvousFixture.Spec("sleep 300 & echo $! > leftover; echo started", directory, attach: false));
            (await finished.Completion.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).ShouldBe(0);
            leftover = int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "leftover")));
            (await Processes.EndsWithinAsync(leftover, TimeSpan.FromSeconds(5))).ShouldBeTrue();

            longRunning = runner.Start(RendezvousFixture.Spec("echo $$ > running; sleep 300", directory, attach: false));
            running = int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "running")));
        }

        longRunning.Completion.IsCompleted.ShouldBeTrue();
        Processes.IsRunning(running).ShouldBeFalse();
    }

    [Fact]
    public async Task Stopping_an_attached_dyno_before_its_client_comes_withdraws_its_secret()
    {
        await using var runner = new DynoRunner(fixture.Server);
        var dyno = runner.Start(RendezvousFixture.Spec("echo hi", fixture.NewWorkingDirectory()));

        await dyno.StopAsync().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        (await dyno.Completion).ShouldBe(DynoExitStatus.StoppedBeforeStart);
        await Should.ThrowAsync<IOException>(() => fixture.AttachAsync(dyno.AttachUrl!));
    }
}
