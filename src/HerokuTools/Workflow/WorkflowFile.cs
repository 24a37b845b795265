using HerokuTools.Common;
using HerokuTools.Git;

namespace HerokuTools.Workflow;

/// <summary>Where heroku-tools.yml is: --config, else the current directory, else the git top level.</summary>
public static class WorkflowFile
{
    public const string FileName = "heroku-tools.yml";

    /// <summary>The path to use for reading; throws a usage error naming the places looked in when there is none.</summary>
    public static async Task<string> FindAsync(string? explicitPath, string workingDirectory, IGit? git, CancellationToken cancellation = default)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            return File.Exists(full)
                ? full
                : throw new ToolException($"{explicitPath}: no such file", ExitCodes.Usage);
        }

        var here = Path.Combine(workingDirectory, FileName);
        if (File.Exists(here))
        {
            return here;
        }

        var top = git is null ? null : await new GitRepository(git).TopLevelAsync(cancellation).ConfigureAwait(false);
        if (top is not null)
        {
            var atTop = Path.Combine(top, FileName);
            if (File.Exists(atTop))
            {
                return atTop;
            }
        }

        var where = top is null || Path.GetFullPath(top) == Path.GetFullPath(workingDirectory)
            ? "the current directory"
            : "the current directory or the git top level";
        throw new ToolException(
            $"no {FileName} in {where}; run 'heroku-tools init' to write one, or pass --config PATH",
            ExitCodes.Usage);
    }

    /// <summary>Where a new file goes: --config, else the git top level, else the current directory.</summary>
    public static async Task<string> PlaceForNewAsync(string? explicitPath, string workingDirectory, IGit? git, CancellationToken cancellation = default)
    {
        if (explicitPath is not null)
        {
            return Path.GetFullPath(explicitPath, workingDirectory);
        }

        var top = git is null ? null : await new GitRepository(git).TopLevelAsync(cancellation).ConfigureAwait(false);
        return Path.Combine(top ?? workingDirectory, FileName);
    }
}
