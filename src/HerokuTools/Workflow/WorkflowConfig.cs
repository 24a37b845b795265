using HerokuTools.Common;

namespace HerokuTools.Workflow;

/// <summary>
/// A validated heroku-tools.yml. <see cref="Environments"/> is in promotion order: index 0 is the top (e.g. live);
/// code moves up the list (towards index 0), data moves down it.
/// </summary>
public sealed record WorkflowConfig(string SourcePath, IReadOnlyList<WorkflowEnvironment> Environments, WorkflowCommands Commands)
{
    /// <summary>The <c>deploy:</c> section (defaults when absent).</summary>
    public Deploy.DeploySettings Deploy { get; init; } = HerokuTools.Deploy.DeploySettings.Default;

    /// <summary>The <c>config:</c> section: where the config-vars files are, required keys, expected differences.</summary>
    public ConfigVars.ConfigVarsSettings ConfigVars { get; init; } = HerokuTools.ConfigVars.ConfigVarsSettings.Default;

    /// <summary>The <c>data:</c> section (anonymisation rules for data copy), or null when the file has none.</summary>
    public Data.Rules.DataRules? Data { get; init; }

    /// <summary>What the file accepts but is probably wrong (e.g. an app name Heroku would refuse), in file order.</summary>
    public IReadOnlyList<WorkflowDiagnostic> Warnings { get; init; } = [];

    /// <summary>The environment with this label, or null.</summary>
    public WorkflowEnvironment? Find(string label) =>
        Environments.FirstOrDefault(e => string.Equals(e.Label, label, StringComparison.Ordinal));

    /// <summary>The environment with this label; a usage error (exit 2) naming the known labels and the likely one otherwise.</summary>
    public WorkflowEnvironment Environment(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var found = Find(label);
        if (found is not null)
        {
            return found;
        }

        var known = string.Join(", ", Environments.Select(e => e.Label));
        var suggestion = EnvironmentNames.Suggest(label, Environments);
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        throw new ToolException($"unknown environment '{label}' (known: {known}){hint}", ExitCodes.Usage);
    }

    /// <summary>Position in promotion order, 0 = top.</summary>
    public int IndexOf(WorkflowEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        for (var i = 0; i < Environments.Count; i++)
        {
            if (string.Equals(Environments[i].Label, environment.Label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{environment.Label}' is not an environment of this workflow", nameof(environment));
    }

    /// <summary>The next environment up (where code from <paramref name="environment"/> goes next), or null at the top.</summary>
    public WorkflowEnvironment? Above(WorkflowEnvironment environment)
    {
        var i = IndexOf(environment);
        return i == 0 ? null : Environments[i - 1];
    }

    /// <summary>The next environment down (where data from <paramref name="environment"/> goes next), or null at the bottom.</summary>
    public WorkflowEnvironment? Below(WorkflowEnvironment environment)
    {
        var i = IndexOf(environment);
        return i == Environments.Count - 1 ? null : Environments[i + 1];
    }

    /// <summary>True when <paramref name="environment"/> is higher in the list (closer to live) than <paramref name="other"/>.</summary>
    public bool IsAbove(WorkflowEnvironment environment, WorkflowEnvironment other) => IndexOf(environment) < IndexOf(other);

    /// <summary>The environment whose release <paramref name="environment"/> is promoted from, or null when it is deployed by push.</summary>
    public WorkflowEnvironment? PromotionSource(WorkflowEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.PromoteFrom is null ? null : Environment(environment.PromoteFrom);
    }
}
