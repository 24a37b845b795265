using System.Globalization;
using HerokuTools.Workflow;

namespace HerokuTools.ConfigVars;

/// <summary>
/// The last line of <c>config check</c> when something is wrong: every file with its count of problems, in the
/// order they were listed ("3 problems in config/live.yml, 1 in config/uat.yml"), then the files no environment reads.
/// </summary>
public static class ConfigCheckSummary
{
    /// <summary>The summary, or null when there is nothing wrong.</summary>
    public static string? Text(IReadOnlyList<WorkflowDiagnostic> problems, IReadOnlyList<StrayConfigFile> strays)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(strays);
        var parts = problems.GroupBy(p => p.Path, StringComparer.Ordinal)
            .Select((file, i) => i == 0 ? $"{Count(file.Count(), "problem")} in {file.Key}" : Invariant($"{file.Count()} in {file.Key}"))
            .ToList();
        if (strays.Count > 0)
        {
            var names = string.Join(", ", strays.Select(s => s.Path));
            parts.Add($"{Count(strays.Count, "file")} matching no environment ({names})");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Count(int count, string what) => Invariant($"{count} {what}{(count == 1 ? "" : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
