using HerokuTools.Common;
using HerokuTools.Workflow;

namespace HerokuTools.ConfigVars;

/// <summary>A file in the config folder that no environment reads (a typo like <c>lvie.yml</c>), and the file it probably meant.</summary>
public sealed record StrayConfigFile(string Path, string? Suggestion)
{
    /// <summary>One line for a warning: the file, why it is never read, and the likely name.</summary>
    public string Message
    {
        get
        {
            var hint = Suggestion is null ? "" : $"; did you mean {Suggestion}?";
            return $"{Path} matches no environment, so it is never read{hint}";
        }
    }
}

/// <summary>
/// Finds the files in the config folder that look like config files (<c>.yml</c>, <c>.yaml</c>, <c>.env</c>) but
/// that no environment reads: only <c>common.yml</c> and <c>LABEL.yml</c> are. Hidden files and heroku-tools.yml
/// itself (when the folder is the project's) are left alone.
/// </summary>
public static class StrayConfigFiles
{
    private static readonly string[] LookLikeConfig = [ConfigFiles.Extension, ".yaml", ".env"];

    public static IReadOnlyList<StrayConfigFile> Find(ConfigFiles files, IReadOnlyList<WorkflowEnvironment> environments, string workflowPath)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(environments);
        if (!Directory.Exists(files.Directory))
        {
            return [];
        }

        var workflow = Path.GetFullPath(workflowPath);
        var read = environments.Select(e => e.Label).Append(ConfigVarsSettings.Common).ToList();
        var strays = new List<StrayConfigFile>();
        var listed = Directory.EnumerateFiles(files.Directory).Order(StringComparer.Ordinal).ToList();
        foreach (var path in listed)
        {
            var name = Path.GetFileName(path);
            var extension = Path.GetExtension(name);
            var stem = Path.GetFileNameWithoutExtension(name);
            if (name.StartsWith('.') || !LookLikeConfig.Contains(extension, StringComparer.OrdinalIgnoreCase)
                || string.Equals(Path.GetFullPath(path), workflow, StringComparison.Ordinal))
            {
                continue;
            }

            if (extension == ConfigFiles.Extension && read.Contains(stem, StringComparer.Ordinal))
            {
                continue;
            }

            var meant = Meant(stem, environments);
            if (extension == ConfigFiles.Extension && string.Equals(stem, meant, StringComparison.OrdinalIgnoreCase) && ReadAnyway(files, meant!, listed))
            {
                continue;
            }

            var suggestion = meant is null ? null : files.Display(Path.Combine(files.Directory, meant + ConfigFiles.Extension));
            strays.Add(new StrayConfigFile(files.Display(path), suggestion));
        }

        return strays;
    }

    /// <summary>
    /// On a case-insensitive file system (macOS, Windows) <c>Live.yml</c> is what opening <c>live.yml</c> reads: the
    /// exact name is not in the folder, yet it exists.
    /// </summary>
    private static bool ReadAnyway(ConfigFiles files, string label, List<string> listed)
    {
        var expected = files.EnvironmentPath(label);
        return !listed.Contains(expected, StringComparer.Ordinal) && File.Exists(expected);
    }

    /// <summary>The label (or <c>common</c>) a file name stands for: itself in another case or extension, a typo, an app name or a synonym.</summary>
    private static string? Meant(string stem, IReadOnlyList<WorkflowEnvironment> environments)
    {
        var labels = environments.Select(e => e.Label).Append(ConfigVarsSettings.Common);
        var same = labels.FirstOrDefault(l => string.Equals(l, stem, StringComparison.OrdinalIgnoreCase));
        return same
            ?? EnvironmentNames.Suggest(stem, environments)
            ?? DidYouMean.Suggest(stem, [ConfigVarsSettings.Common]);
    }
}
