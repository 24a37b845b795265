using HerokuTools.Common;
using HerokuTools.Git;

namespace HerokuTools.Deploy;

/// <summary>
/// <c>git push URL SHA:refs/heads/BRANCH</c> with a lease on what the branch pointed at when the plan was made
/// (<c>--force-with-lease</c>), so someone else's deploy in between is refused rather than overwritten; with
/// <c>force</c>, a plain force push. The build's output streams as it comes.
/// </summary>
public sealed class HerokuPush(IGit git, HerokuGitRemote remote)
{
    /// <returns>The release version the build reported ("Released v42"). A push that made no release fails.</returns>
    public async Task<int> PushAsync(string app, string commit, string branch, string? expectedHead, bool force, Action<string> onLine,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var lease = force ? "--force" : $"--force-with-lease=refs/heads/{branch}:{expectedHead ?? ""}";
        int? released = null;
        var upToDate = false;
        var r = await git.RunAsync(
            ["push", "--no-verify", "--no-follow-tags", lease, "--", remote.Url.ToString(), $"{commit}:refs/heads/{branch}"],
            remote.Options(line =>
            {
                line = line.TrimEnd();
                released = ReleasedVersion(line) ?? released;
                upToDate |= line.Contains("Everything up-to-date", StringComparison.Ordinal);
                onLine(line);
            }),
            cancellation);
        if (r.Success)
        {
            upToDate |= r.StandardError.Contains("Everything up-to-date", StringComparison.Ordinal);
            return released ?? throw new ToolException(upToDate
                ? $"the push changed nothing ({app}'s {branch} is already at {commit[..Math.Min(7, commit.Length)]}): no build, no release; nothing was deployed"
                : $"the push to {app} reported no release (no \"Released vN\" from the build): nothing is known to be deployed");
        }

        var error = r.StandardError;
        if (error.Contains("stale info", StringComparison.Ordinal))
        {
            throw new ToolException(
                $"push refused: {app}'s {branch} changed since the plan was made (someone else deployed?); run deploy again to see the new changeset, or --force to overwrite");
        }

        if (error.Contains("Push rejected", StringComparison.Ordinal) || error.Contains("pre-receive hook declined", StringComparison.Ordinal))
        {
            var reason = error.Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith("remote:", StringComparison.Ordinal) ? l[7..].Trim() : l)
                .FirstOrDefault(l => l.StartsWith('!') && !l.Contains("Push failed", StringComparison.Ordinal)
                    && !l.Contains("Push rejected", StringComparison.Ordinal))?.TrimStart('!', ' ', '\t');
            throw new ToolException($"push rejected by {app}: {reason ?? "the build failed (see its output above)"}");
        }

        throw new ToolException($"git push to {app} failed: {r.FirstErrorLine}");
    }

    /// <summary>The N of a build's "remote:        Released vN" line, or null for any other line.</summary>
    internal static int? ReleasedVersion(string line)
    {
        const string Marker = "Released v";
        var span = line.AsSpan().Trim();
        if (span.StartsWith("remote:", StringComparison.Ordinal))
        {
            span = span[7..].Trim();
        }

        return span.StartsWith(Marker, StringComparison.Ordinal)
            && int.TryParse(span[Marker.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
    }
}
