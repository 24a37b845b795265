using System.Diagnostics;
using HerokuTools.Common;
using HerokuTools.Tests.Support;

namespace HerokuTools.Tests.Sandbox;

/// <summary>`sandbox up` as a real process (it runs until signalled); env/status/down as a user runs them.</summary>
public sealed class SandboxCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("ht-sbcli-");
    private readonly List<int> _started = []; // ids, not Process objects: the test body disposes those

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_env_status_down_and_state_survives_a_restart()
    {
        var state = _dir.Combine("state");
        using (var up = StartUp(state))
        {
            await WaitForRunFileAsync(state, up);

            var env = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "env", "--dir", "state");
            env.ExitCode.ShouldBe(ExitCodes.Success, env.Error);
            var exports = Exports(env.Out);
            exports.Keys.ShouldBe(["HEROKU_API_URL", "HEROKU_GIT_URL", "HEROKU_API_KEY", "HEROKU_HOST", "NODE_EXTRA_CA_CERTS", "HEROKU_TOOLS_CA_CERT", "PGSSLMODE"], ignoreOrder: true);
            exports["PGSSLMODE"].ShouldBe("prefer");
            exports["HEROKU_API_URL"].ShouldStartWith("http://127.0.0.1:");
            exports["HEROKU_GIT_URL"].ShouldEndWith("/git/{app}.git");
            File.Exists(exports["NODE_EXTRA_CA_CERTS"]).ShouldBeTrue();

            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", exports["HEROKU_API_KEY"]);
            using var created = await http.PostAsync(exports["HEROKU_API_URL"] + "/apps", new StringContent("""{"name":"kept-app"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            created.IsSuccessStatusCode.ShouldBeTrue();

            var status = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "status", "--dir", "state");
            status.ExitCode.ShouldBe(ExitCodes.Success);
            status.Out.ShouldContain("apps:     kept-app");
            status.Out.ShouldNotContain(exports["HEROKU_API_KEY"]);

            var down = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "down", "--dir", "state");
            down.ExitCode.ShouldBe(ExitCodes.Success, down.Error);
            await up.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            up.ExitCode.ShouldBe(0);
        }

        var after = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "env", "--dir", "state");
        after.ExitCode.ShouldBe(ExitCodes.Failure);
        after.Out.ShouldBeEmpty();
        after.Error.ShouldContain("no sandbox runs in state");

        using (var again = StartUp(state))
        {
            await WaitForRunFileAsync(state, again);
            var status = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "status", "--dir", "state");
            status.Out.ShouldContain("kept-app");
            var second = await ProgramRunner.RunAsync(_dir.Path, "sandbox", "up", "--dir", "state", "--no-postgres");
            second.ExitCode.ShouldBe(ExitCodes.Failure);
            second.Error.ShouldContain("a sandbox already runs in state");
            (await ProgramRunner.RunAsync(_dir.Path, "sandbox", "down", "--dir", "state")).ExitCode.ShouldBe(0);
            await again.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
    }

    private Process StartUp(string state)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "heroku-tools.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "sandbox", "up", "--dir", state, "--no-postgres" })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        _started.Add(p.Id);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitForRunFileAsync(string state, Process up)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(state, "run.json")))
        {
            up.HasExited.ShouldBeFalse("sandbox up exited early");
            DateTime.UtcNow.ShouldBeLessThan(deadline, "sandbox up did not start within 60 s");
            await Task.Delay(100, Ct);
        }
    }

    private static Dictionary<string, string> Exports(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));

    /// <summary>A failed assertion must not leave a sandbox running: kill what is still up.</summary>
    public void Dispose()
    {
        foreach (var id in _started)
        {
            try
            {
                using var p = Process.GetProcessById(id);
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(10_000);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        _dir.Dispose();
    }
}
