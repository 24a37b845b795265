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

        lines.Complete();
        return status ?? throw new ToolException(
            $"{app}: {dyno.Name ?? "the dyno"} running '{command}' ended without reporting an exit status (connection dropped?)");
    }
}
