using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Sandbox.Tests.Dynos;

public sealed class AttachedDynoTests(RendezvousFixture fixture) : IAsyncDisposable
{
    private readonly DynoRunner _runner = new(fixture.Server, new DynoRunnerOptions { AttachTimeout = TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task Streams_merged_output_and_the_exit_status_marker()
    {
        var dyno = Start(ExitStatusMarker.AppendTo("echo hello; echo oops >&2; sh -c 'exit 3'"));
        dyno.State.ShouldBe(DynoStates.Starting);
        dyno.AttachUrl.ShouldStartWith($"rendezvous://127.0.0.1:{fixture.Server.Port}/");

        var (output, status) = await fixture.AttachAsync(dyno.AttachUrl!);

        output.ShouldBe("hello\noops\n");
        status.ShouldBe(3);
        (await dyno.Completion).ShouldBe(0);
        dyno.State.ShouldBe(DynoStates.Complete);
    }

    [Fact]
    public async Task Forwards_input_and_ends_it_when_the_client_input_ends()
    {
        var dyno = Start("read x; echo got:$x; cat; echo done");

        var (output, status) = await fixture.AttachAsync(dyno.AttachUrl!, "hi\nrest\n");

        output.ShouldBe("got:hi\nrest\ndone\n");
        status.ShouldBeNull();
    }

    [Fact]
    public async Task Ctrl_c_from_the_client_interrupts_the_command()
    {
        var dyno = Start("sleep 30");

        var (output, _) = await fixture.AttachAsync(dyno.AttachUrl!, "\u0003");

        output.ShouldBeEmpty();
        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(128 + 2);
    }

    [Fact]
    public async Task Ctrl_c_reaches_the_command_even_when_the_sandbox_itself_ignores_it()
    {
        // As for `heroku-tools sandbox up &` in a script: SIGINT ignored, which exec would pass on to the command.
        using (IgnoredInterrupt.Begin())
        {
            IgnoredInterrupt.InThisProcess().ShouldBeTrue();
            var dyno = Start("sleep 30");

            var (output, _) = await fixture.AttachAsync(dyno.AttachUrl!, "\u0003");

            output.ShouldBeEmpty();
            (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(128 + 2);
        }
    }

    [Fact]
    public async Task The_command_starts_with_default_signal_dispositions()
    {
        // The runtime ignores SIGPIPE, and this test ignores SIGINT as a backgrounded sandbox would: neither may
        // reach the dyno (`yes | head -1` must end quietly, as on Heroku).
        using (IgnoredInterrupt.Begin())
        {
            var dyno = Start("grep SigIgn /proc/self/status; yes | head -1");

            var (output, _) = await fixture.AttachAsync(dyno.AttachUrl!);

            output.ShouldBe("SigIgn:\t0000000000000000\ny\n");
        }
    }

    /// <summary>SIGINT set to SIG_IGN in this process until disposed (the previous disposition is restored).</summary>
    private sealed class IgnoredInterrupt : IDisposable
    {
        private readonly nint _previous;

        private IgnoredInterrupt(nint previous) => _previous = previous;

        public static IgnoredInterrupt Begin() => new(signal(2, 1));

        public void Dispose() => signal(2, _previous);

        /// <summary>True when this process ignores SIGINT (bit 2 of the SigIgn mask in /proc/self/status).</summary>
        public static bool InThisProcess()
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            var mask = ulong.Parse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
            return (mask & (1UL << (2 - 1))) != 0;
        }

        [System.Runtime.InteropServices.DllImport("libc")]
#pragma warning disable SYSLIB1054 // a test-only, blittable signature
        private static extern nint signal(int signum, nint handler);
#pragma warning restore SYSLIB1054
    }

    [Fact]
    public async Task Runs_with_exactly_the_spec_environment()
    {
        Environment.SetEnvironmentVariable("SBDYNO_RUNNER_ONLY", "leak");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["PORT"] = "5123",
            ["DYNO"] = "run.7",
            ["DATABASE_URL"] = "postgres://u:p@127.0.0.1/db",
        };
        var dyno = _runner.Start(RendezvousFixture.Spec("env", fixture.NewWorkingDirectory(), environment: environment));

        var (output, _) = await fixture.AttachAsync(dyno.AttachUrl!);

        var variables = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);
        variables["PORT"].ShouldBe("5123");
        variables["DYNO"].ShouldBe("run.7");
        variables["DATABASE_URL"].ShouldBe("postgres://u:p@127.0.0.1/db");
        variables.Keys.Except(environment.Keys).Except(["PWD", "SHLVL", "_"]).ShouldBeEmpty();
        variables.ShouldNotContainKey("SBDYNO_RUNNER_ONLY");
    }

    [Fact]
    public async Task Runs_in_the_working_directory()
    {
        var directory = fixture.NewWorkingDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory, "Procfile"), "web: x", TestContext.Current.CancellationToken);
        var dyno = Start("pwd; ls", directory);

        var (output, _) = await fixture.AttachAsync(dyno.AttachUrl!);

        output.ShouldBe($"{directory}\nProcfile\n");
    }

    [Fact]
    public async Task Refuses_a_wrong_secret_and_a_used_one()
    {
        var dyno = Start("echo once");
        var wrong = dyno.AttachUrl![..^4] + "0000";

        (await Should.ThrowAsync<IOException>(() => fixture.AttachAsync(wrong))).Message.ShouldContain("refused");
        dyno.State.ShouldBe(DynoStates.Starting);
        (await fixture.AttachAsync(dyno.AttachUrl)).Output.ShouldBe("once\n");
        await Should.ThrowAsync<IOException>(() => fixture.AttachAsync(dyno.AttachUrl));
    }

    [Fact]
    public async Task Gives_up_when_no_client_comes_in_time()
    {
        await using var runner = new DynoRunner(fixture.Server, new DynoRunnerOptions { AttachTimeout = TimeSpan.FromMilliseconds(200) });
        var marker = Path.Combine(fixture.NewWorkingDirectory(), "ran");
        var dyno = runner.Start(RendezvousFixture.Spec($"touch {marker}", Path.GetDirectoryName(marker)!));

        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(DynoExitStatus.AttachTimedOut);

        dyno.State.ShouldBe(DynoStates.Crashed);
        dyno.Output.ShouldContain("R13");
        File.Exists(marker).ShouldBeFalse();
        await Should.ThrowAsync<IOException>(() => fixture.AttachAsync(dyno.AttachUrl!));
    }

    [Fact]
    public async Task Drops_the_connection_midway_when_told_and_stops_the_dyno()
    {
        _runner.DropAfterBytes = 5;
        var directory = fixture.NewWorkingDirectory();
        var dyno = Start("echo $$ > pid; echo 0123456789; sleep 30; echo never", directory);
        using var output = new MemoryStream();

        await Should.ThrowAsync<IOException>(() => fixture.Client.AttachAsync(dyno.AttachUrl!, output));

        System.Text.Encoding.UTF8.GetString(output.ToArray()).ShouldBe("01234");
        (await dyno.Completion.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken)).ShouldNotBe(0);
        dyno.State.ShouldBe(DynoStates.Crashed);
        Processes.IsRunning(int.Parse(await Processes.WaitForFileAsync(Path.Combine(directory, "pid")))).ShouldBeFalse();
    }

    public async ValueTask DisposeAsync() => await _runner.DisposeAsync();

    private DynoSession Start(string command, string? directory = null) =>
        _runner.Start(RendezvousFixture.Spec(command, directory ?? fixture.NewWorkingDirectory()));
}
