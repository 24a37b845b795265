using HerokuTools.Common;
using HerokuTools.Heroku;

namespace HerokuTools.ConfigVars;

/// <summary>What a push did: the release it made (when Heroku says), and that the app then matched the plan.</summary>
public sealed record ConfigPushOutcome(int? ReleaseVersion);

/// <summary>
/// Applies a <see cref="ConfigPushPlan"/>: every set and unset in one PATCH (one release), then reads the app
/// again and checks each planned key. A mismatch is a failure naming the keys, never their values.
/// </summary>
public static class ConfigPusher
{
    public static async Task<ConfigPushOutcome> ApplyAsync(HerokuClient client, ConfigPushPlan plan, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(plan);
        await client.UpdateConfigVarsAsync(plan.App, plan.Changes(), cancellation).ConfigureAwait(false);

        var after = client.GetConfigVarsAsync(plan.App, cancellation);
        var release = client.GetCurrentReleaseAsync(plan.App, cancellation);
        await Task.WhenAll(after, release).ConfigureAwait(false);
        var mismatched = Mismatches(plan, await after.ConfigureAwait(false));
        if (mismatched.Count > 0)
        {
            throw new ToolException(
                $"pushed to {plan.App}, but reading it back {string.Join(", ", mismatched)} {(mismatched.Count == 1 ? "does" : "do")} not match the files (changed by someone else meanwhile?); run 'heroku-tools config diff {plan.Environment}'",
                ExitCodes.Failure);
        }

        return new ConfigPushOutcome((await release.ConfigureAwait(false))?.Version);
    }

    /// <summary>The planned keys the app does not have as planned.</summary>
    public static IReadOnlyList<string> Mismatches(ConfigPushPlan plan, IReadOnlyDictionary<string, string> actual)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actual);
        var wrong = plan.Sets.Where(s => !actual.TryGetValue(s.Key, out var v) || !string.Equals(v, s.Value, StringComparison.Ordinal))
            .Select(s => s.Key)
            .Concat(plan.Unsets.Where(actual.ContainsKey));
        return wrong.Order(StringComparer.Ordinal).ToList();
    }
}
