using HerokuTools.Common;

namespace HerokuTools.Workflow;

/// <summary>
/// What a mistyped environment name probably meant: a label, an app name (answered with its label), or a
/// conventional synonym of a label in use (staging -> uat, prod -> live, develop -> dev, and the other way round).
/// </summary>
internal static class EnvironmentNames
{
    private static readonly string[][] SynonymGroups =
    [
        ["live", "production", "prod"],
        ["uat", "staging", "stage", "test"],
        ["dev", "development", "develop"],
    ];

    /// <summary>The conventional label (live, uat, dev) a name stands for, or null: "staging" -> "uat".</summary>
    public static string? Conventional(string name) =>
        SynonymGroups.FirstOrDefault(g => g.Contains(name, StringComparer.OrdinalIgnoreCase))?[0];

    public static string? Suggest(string input, IReadOnlyList<WorkflowEnvironment> environments) =>
        DidYouMean.Suggest(input, Candidates(environments));

    private static IEnumerable<(string Spelling, string Answer)> Candidates(IReadOnlyList<WorkflowEnvironment> environments)
    {
        foreach (var e in environments)
        {
            yield return (e.Label, e.Label);
        }

        foreach (var e in environments)
        {
            yield return (e.AppName, e.Label);
        }

        foreach (var e in environments)
        {
            var group = SynonymGroups.FirstOrDefault(g => g.Contains(e.Label, StringComparer.OrdinalIgnoreCase));
            foreach (var synonym in group ?? [])
            {
                yield return (synonym, e.Label);
            }
        }
    }
}
