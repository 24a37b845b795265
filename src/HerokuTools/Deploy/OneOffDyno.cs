using HerokuTools.Common;
using HerokuTools.Heroku;
using HerokuTools.Heroku.Models;
using HerokuTools.Sandbox.Dynos;

namespace HerokuTools.Deploy;

/// <summary>
/// Runs a command in an attached one-off dyno, as <c>heroku run --exit-code</c> does: the command reports its
/// exit status in its output (<see cref="ExitStatusMarker"/>), the output is streamed line by line.
/// </summary>
public sealed class OneOffDyno(HerokuClient client, RendezvousClient rendezvous)
{
    /// <summary>Runs <paramref name="command"/> on <paramref name="app"/>; returns its exit status.</summary>
    /// <exception cref="ToolException">The dyno could not be started or attached, or it ended without a status.</exception>
    public async Task<int> RunAsync(string app, string command, Action<string> onLine, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var dyno = await client.CreateDynoAsync(app, new DynoCreateRequest
        {
            // In a subshell, so that a command that itself exits ("...; exit 4") still reports its status.
            Command = ExitStatusMarker.AppendTo($"(\n{command}\n)"),
            Attach = true,
            ForceNoTty = true,
        }, cancellation);
        if (dyno.AttachUrl is null)
        {
            throw new ToolException($"{app}: the one-off dyno for '{command}' has no attach URL");
        }

        using var lines = new LineStream(onLine);
        int? status;
        try
        {
            status = await rendezvous.AttachAsync(dyno.AttachUrl, lines, null, cancellation);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or System.Net.Sockets.SocketException)
        {
            throw new ToolException($"{app}: lost the connection to {dyno.Name ?? "the dyno"} running '{command}': {e.Message}");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl-C / SIGTERM: the command must not run on unseen (maintenance is about to go off): stop the
            // dyno and wait until it is gone before the cancellation goes on.
            onLine(await StopAsync(app, dyno, command));
            throw;
        }

        lines.Complete();
        return status ?? throw new ToolException(
            $"{app}: {dyno.Name ?? "the dyno"} running '{command}' ended without reporting an exit status (connection dropped?)");
    }

    /// <summary>Stops <paramref name="dyno"/> (SIGTERM, then SIGKILL on the platform's schedule) and waits up to
    /// <see cref="StopWait"/> for it to be gone; returns a line saying what happened.</summary>
    private async Task<string> StopAsync(string app, Dyno dyno, string command)
    {
        var name = dyno.Name ?? dyno.Id ?? "the dyno";
        if (dyno.Id is null && dyno.Name is null)
        {
            return $"interrupted: could not stop the dyno running '{command}' (no id); check `heroku ps -a {app}`";
        }

        using var wait = new CancellationTokenSource(StopWait);
        try
        {
            try
            {
                await client.StopDynoAsync(app, dyno.Id ?? dyno.Name!, wait.Token);
            }
            catch (HerokuApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Ended already, or the platform cannot stop it: what GET says next decides.
            }

            while (true)
            {
                var state = await client.GetDynoAsync(app, dyno.Id ?? dyno.Name!, wait.Token);
                if (state.State is "crashed" or "down" or "complete")
                {
                    break;
                }

                await Task.Delay(100, wait.Token);
            }
        }
        catch (HerokuApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Gone: a one-off dyno that has ended is no longer listed.
        }
        catch (Exception e) when (e is ToolException or OperationCanceledException)
        {
            return $"interrupted: could not confirm that {name} ('{command}') stopped: check `heroku ps -a {app}`";
        }

        return $"interrupted: stopped {name} ('{command}')";
    }

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(15);
}
