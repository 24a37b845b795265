using System.Globalization;
using System.Text.RegularExpressions;

namespace HerokuTools.Sandbox.Tests.Interop;

/// <summary>
/// The official heroku CLI v11 against the whole sandbox, as a user would use it: create an app, look at it, set
/// and unset config, maintenance on and off, releases, rollback, a Postgres add-on, <c>run -x</c>, add-ons, domains,
/// a push, a detached dyno and the logs, scale and ps, pipelines, rename, git:remote, destroy.
/// Skipped when the CLI (installed by ./test.sh) or node is missing.
/// </summary>
public sealed class OfficialCliInteropTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task The_official_heroku_cli_runs_a_users_session_against_the_sandbox()
    {
        var cli = OfficialHerokuCli.Find(out var reason);
        Assert.SkipWhen(cli is null, reason);
        using var home = new TempDirectory("ht-heroku-home-");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home.Path,
            ["HEROKU_HOST"] = sandbox.Host.ApiUrl.ToString().TrimEnd('/'),
            ["HEROKU_API_KEY"] = sandbox.Host.Token,
            ["NODE_EXTRA_CA_CERTS"] = sandbox.Host.CertificatePath,
            // No telemetry, no auto-update, no version check: nothing leaves the machine, and each command is faster.
            ["DISABLE_TELEMETRY"] = "true",
            ["HEROKU_DISABLE_AUTOUPDATE"] = "1",
            ["HEROKU_SKIP_NEW_VERSION_CHECK"] = "true",
            ["NO_COLOR"] = "1",
            ["COLUMNS"] = "200",
            // pg:psql asks for TLS unless told otherwise; the sandbox's PostgreSQL speaks plain TCP on loopback.
            ["PGSSLMODE"] = "prefer",
        };
        var runs = new List<CliRun>();
        async Task<CliRun> Heroku(params string[] args) => await HerokuWithInput(null, args);
        async Task<CliRun> HerokuWithInput(string? input, params string[] args)
        {
            var run = await cli!.RunAsync(environment, input, args);
            runs.Add(run);
            return run;
        }

        var app = SandboxFixture.NewAppName("cli");
        try
        {
            var created = await Heroku("apps:create", app);
            created.ExitCode.ShouldBe(0, created.ToString());
            created.Out.ShouldContain($"https://{app}.herokuapp.com/", customMessage: created.ToString());
            (await sandbox.GetAsync($"/apps/{app}"))["name"]!.GetValue<string>().ShouldBe(app);

            var apps = await Heroku("apps");
            apps.ExitCode.ShouldBe(0, apps.ToString());
            apps.Out.ShouldContain("=== sandbox@heroku-tools.local Apps", customMessage: apps.ToString());
            apps.Out.ShouldContain(app, customMessage: apps.ToString());

            var info = await Heroku("apps:info", "-a", app);
            info.ExitCode.ShouldBe(0, info.ToString());
            info.Out.ShouldContain($"=== {app}", customMessage: info.ToString());
            info.Out.ShouldMatch(@"Stack:\s+heroku-24", info.ToString());

            var set = await Heroku("config:set", "FOO=bar", "BAZ=qux", "-a", app);
            set.ExitCode.ShouldBe(0, set.ToString());
            set.Error.ShouldContain("done, v2", customMessage: set.ToString());
            var config = await Heroku("config", "-a", app);
            config.ExitCode.ShouldBe(0, config.ToString());
            config.Out.ShouldMatch(@"FOO:\s+bar", config.ToString());
            config.Out.ShouldMatch(@"BAZ:\s+qux", config.ToString());
            var get = await Heroku("config:get", "FOO", "-a", app);
            (get.ExitCode, get.Out).ShouldBe((0, "bar\n"), get.ToString());
            var unset = await Heroku("config:unset", "BAZ", "-a", app);
            unset.ExitCode.ShouldBe(0, unset.ToString());
            unset.Error.ShouldContain("done, v3", customMessage: unset.ToString());
            (await sandbox.GetAsync($"/apps/{app}/config-vars")).AsObject().ContainsKey("BAZ").ShouldBeFalse();

            var off = await Heroku("maintenance", "-a", app);
            (off.ExitCode, off.Out.Trim()).ShouldBe((0, "off"), off.ToString());
            var turnOn = await Heroku("maintenance:on", "-a", app);
            turnOn.ExitCode.ShouldBe(0, turnOn.ToString());
            var on = await Heroku("maintenance", "-a", app);
            (on.ExitCode, on.Out.Trim()).ShouldBe((0, "on"), on.ToString());
            var turnOff = await Heroku("maintenance:off", "-a", app);
            turnOff.ExitCode.ShouldBe(0, turnOff.ToString());
            (await sandbox.GetAsync($"/apps/{app}"))["maintenance"]!.GetValue<bool>().ShouldBeFalse();

            var releases = await Heroku("releases", "-a", app);
            releases.ExitCode.ShouldBe(0, releases.ToString());
            releases.Out.ShouldContain("Current: v3", customMessage: releases.ToString());
            releases.Out.ShouldMatch(@"v3\s+Remove BAZ config vars", releases.ToString());
            releases.Out.ShouldMatch(@"v2\s+Set FOO, BAZ config vars", releases.ToString());
            releases.Out.ShouldMatch(@"v1\s+Initial release", releases.ToString());
            var v2 = await Heroku("releases:info", "v2", "-a", app);
            v2.ExitCode.ShouldBe(0, v2.ToString());
            v2.Out.ShouldContain("=== Release v2", customMessage: v2.ToString());
            v2.Out.ShouldMatch(@"BAZ:\s+qux", v2.ToString());

            var rollback = await Heroku("rollback", "v2", "-a", app);
            rollback.ExitCode.ShouldBe(0, rollback.ToString());
            rollback.Error.ShouldContain("done, v4", customMessage: rollback.ToString());
            (await sandbox.GetAsync($"/apps/{app}/config-vars"))["BAZ"]!.GetValue<string>().ShouldBe("qux");

            var addon = await Heroku("addons:create", "heroku-postgresql:essential-0", "-a", app);
            addon.ExitCode.ShouldBe(0, addon.ToString());
            (await sandbox.GetAsync($"/apps/{app}/config-vars"))["DATABASE_URL"]!.GetValue<string>().ShouldStartWith("postgres://");

            var run = await HerokuWithInput("hi\n", "run", "-x", "-a", app, "--no-notify", "--",
                "echo \"FOO is $FOO\"; psql \"$DATABASE_URL\" -Atc 'select 40 + 2'; read x; echo got:$x; sh -c 'exit 3'");
            run.Out.ShouldBe("FOO is bar\n42\ngot:hi\n", run.ToString());
            run.ExitCode.ShouldBe(3, run.ToString());

            var addons = await Heroku("addons", "-a", app);
            addons.ExitCode.ShouldBe(0, addons.ToString());
            addons.Out.ShouldMatch(@"heroku-postgresql \(postgresql-[a-z]+-\d+\)\s+essential-0", addons.ToString());
            addons.Out.ShouldContain("as DATABASE", customMessage: addons.ToString());
            var addonInfo = await Heroku("addons:info", "DATABASE", "-a", app);
            addonInfo.ExitCode.ShouldBe(0, addonInfo.ToString());
            addonInfo.Out.ShouldMatch(@"Plan:\s+heroku-postgresql:essential-0", addonInfo.ToString());
            addonInfo.Out.ShouldMatch($@"Attachments:\s+{app}::DATABASE", addonInfo.ToString());

            var psql = await Heroku("pg:psql", "-a", app, "-c", "select 40 + 2 as answer");
            psql.ExitCode.ShouldBe(0, psql.ToString());
            psql.Out.ShouldMatch(@"answer\s+-+\s+42\s", psql.ToString());

            var domains = await Heroku("domains", "-a", app);
            domains.ExitCode.ShouldBe(0, domains.ToString());
            domains.Out.ShouldContain($"{app}.herokuapp.com", customMessage: domains.ToString());

            using var repo = new GitRepo();
            repo.Write("Procfile", "web: python3 -m http.server $PORT\nrelease: echo release-phase-ran\n");
            var sha = repo.Commit("Procfile");
            var push = repo.Try(sandbox.GitAuthEnvironment(), "push", sandbox.GitUrl(app), "master");
            push.ExitCode.ShouldBe(0, push.Error);
            var detached = await Heroku("run:detached", "-a", app, "echo hi-from-detached");
            detached.ExitCode.ShouldBe(0, detached.ToString());
            var dyno = Regex.Match(detached.Error + detached.Out, @"run\.\d+").Value;
            dyno.ShouldNotBeEmpty(detached.ToString());
            await WaitUntilFinishedAsync(app, dyno);
            var logs = await Heroku("logs", "-n", "20", "-a", app);
            logs.ExitCode.ShouldBe(0, logs.ToString());
            logs.Out.ShouldContain($"app[{dyno}]: hi-from-detached", customMessage: logs.ToString());
            logs.Out.ShouldContain($"app[api]: Deploy {sha[..7]} by user sandbox@heroku-tools.local", customMessage: logs.ToString());
            logs.Out.ShouldMatch(@"app\[release\.\d+\]: release-phase-ran", logs.ToString());

            var scale = await Heroku("ps:scale", "web=2", "-a", app);
            scale.ExitCode.ShouldBe(0, scale.ToString());
            scale.Error.ShouldContain("now running web at 2:Basic", customMessage: scale.ToString());
            var ps = await Heroku("ps", "-a", app);
            ps.ExitCode.ShouldBe(0, ps.ToString());
            ps.Out.ShouldContain("=== web (Basic): python3 -m http.server $PORT (2)", customMessage: ps.ToString());
            ps.Out.ShouldContain("web.2: idle", customMessage: ps.ToString());
            ps.Out.ShouldNotContain(dyno, customMessage: ps.ToString()); // the finished one-off dyno is gone, as on Heroku

            var sleeper = await Heroku("run:detached", "sleep 300", "-a", app);
            sleeper.ExitCode.ShouldBe(0, sleeper.ToString());
            var sleeping = Regex.Match(sleeper.Error + sleeper.Out, @"run\.\d+").Value;
            var stop = await Heroku("ps:stop", sleeping, "-a", app);
            stop.ExitCode.ShouldBe(0, stop.ToString());
            await WaitUntilFinishedAsync(app, sleeping); // stopped well before its 300 s
            var restart = await Heroku("ps:restart", "-a", app);
            restart.ExitCode.ShouldBe(0, restart.ToString());

            var current = await Heroku("releases:info", "-a", app);
            current.ExitCode.ShouldBe(0, current.ToString());
            current.Out.ShouldMatch($@"Change:\s+Deploy {sha[..7]}", current.ToString());

            var pipeline = app + "-pipe";
            var piped = await Heroku("pipelines:create", pipeline, "-a", app, "--stage", "production");
            piped.ExitCode.ShouldBe(0, piped.ToString());
            var pipelines = await Heroku("pipelines");
            pipelines.Out.ShouldContain(pipeline, customMessage: pipelines.ToString());
            var pipelineInfo = await Heroku("pipelines:info", pipeline);
            pipelineInfo.ExitCode.ShouldBe(0, pipelineInfo.ToString());
            pipelineInfo.Out.ShouldMatch($@"{app}\s+production", pipelineInfo.ToString());

            var renamed = app + "-x";
            var rename = await Heroku("apps:rename", renamed, "-a", app);
            rename.ExitCode.ShouldBe(0, rename.ToString());
            (await sandbox.GetAsync($"/apps/{renamed}"))["name"]!.GetValue<string>().ShouldBe(renamed);
            app = renamed;

            // git:remote writes https://HOST/APP.git from HEROKU_HOST (or HEROKU_GIT_HOST): see the README's omissions.
            var remote = await cli!.RunAsync(environment, null, repo.Path, "git:remote", "-a", app);
            runs.Add(remote);
            remote.ExitCode.ShouldBe(0, remote.ToString());
            repo.Run("remote", "get-url", "heroku").Trim().ShouldBe($"https://{sandbox.Host.ApiUrl.Authority}/{app}.git");

            var destroyed = await Heroku("apps:destroy", "-a", app, "--confirm", app);
            destroyed.ExitCode.ShouldBe(0, destroyed.ToString());
            destroyed.Error.ShouldContain($"Destroying {app}", customMessage: destroyed.ToString());
            using var gone = await sandbox.Api.GetAsync($"/apps/{app}", TestContext.Current.CancellationToken);
            gone.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        }
        finally
        {
            (await sandbox.Api.DeleteAsync($"/apps/{app}", TestContext.Current.CancellationToken)).Dispose(); // when a step failed
            var total = runs.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Took);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"heroku CLI {cli!.Version}: {runs.Count} commands in {total.TotalSeconds:0.0} s"));
            foreach (var r in runs)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Took.TotalSeconds,5:0.0} s  exit {r.ExitCode}  heroku {r.Command}"));
            }
        }
    }

    private async Task WaitUntilFinishedAsync(string app, string dyno)
    {
        for (var i = 0; i < 100; i++)
        {
            // As on Heroku, a one-off dyno whose command has exited is gone (404).
            using var response = await sandbox.Api.GetAsync($"/apps/{app}/dynos/{dyno}", TestContext.Current.CancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return;
            }

            response.EnsureSuccessStatusCode();

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{dyno} on {app} did not finish");
    }
}
