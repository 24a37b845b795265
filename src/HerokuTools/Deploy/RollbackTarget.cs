using HerokuTools.Common;
using HerokuTools.Heroku.Models;

namespace HerokuTools.Deploy;

/// <summary>Which release a rollback goes back to. Pure.</summary>
public static class RollbackTarget
{
    /// <summary>
    /// The release <paramref name="toVersion"/> (when given), else the newest succeeded release before the current one.
    /// </summary>
    public static Release Choose(IReadOnlyList<Release> releases, int currentVersion, int? toVersion)
    {
        ArgumentNullException.ThrowIfNull(releases);
        if (toVersion is { } wanted)
        {
            var found = releases.FirstOrDefault(r => r.Version == wanted)
                ?? throw new ToolException(FormattableString.Invariant($"there is no release v{wanted} (current: v{currentVersion})"), ExitCodes.Usage);
            if (wanted == currentVersion)
            {
                throw new ToolException(FormattableString.Invariant($"v{wanted} is the current release already"), ExitCodes.Usage);
            }

            return found.Status is null or "succeeded"
                ? found
                : throw new ToolException(FormattableString.Invariant($"v{wanted} is {found.Status}, not a release to go back to"), ExitCodes.Usage);
        }

        return releases.Where(r => r.Version < currentVersion && r.Status is null or "succeeded").MaxBy(r => r.Version)
            ?? throw new ToolException(FormattableString.Invariant($"there is no release before v{currentVersion} to roll back to"), ExitCodes.Usage);
    }
}
