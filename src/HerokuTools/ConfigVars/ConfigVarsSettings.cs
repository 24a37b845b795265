namespace HerokuTools.ConfigVars;

/// <summary>
/// The <c>config:</c> section of heroku-tools.yml: where the config files live, which keys each environment must
/// set, and which keys are meant to differ between environments.
/// </summary>
public sealed record ConfigVarsSettings
{
    /// <summary>The label under <c>required:</c> (and the file name) that means every environment.</summary>
    public const string Common = "common";

    /// <summary>The folder of <c>common.yml</c> and <c>ENV.yml</c>, relative to heroku-tools.yml unless absolute.</summary>
    public string Directory { get; init; } = "config";

    /// <summary>Keys every environment must set.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Keys one environment must set, by environment label.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredByEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Keys whose values are meant to differ between environments (listed apart by <c>config diff A B</c>).</summary>
    public IReadOnlyList<string> ExpectedDifferences { get; init; } = [];

    public static ConfigVarsSettings Default { get; } = new();

    /// <summary>The keys <paramref name="label"/> must set: the common ones, then its own.</summary>
    public IReadOnlyList<string> RequiredFor(string label) =>
        Required.Concat(RequiredByEnvironment.TryGetValue(label, out var own) ? own : []).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The config folder as a full path; <paramref name="workflowPath"/> is heroku-tools.yml's path.</summary>
    public string FullDirectory(string workflowPath, string? home)
    {
        var dir = Directory;
        if (home is not null && (dir == "~" || dir.StartsWith("~/", StringComparison.Ordinal)))
        {
            dir = Path.Combine(home, dir.Length > 2 ? dir[2..] : "");
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(workflowPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(baseDir, dir));
    }
}
