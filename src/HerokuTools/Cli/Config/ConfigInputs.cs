using HerokuTools.ConfigVars;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Config;

/// <summary>Reading the config files of an environment for a command: every problem at once, before Heroku is touched.</summary>
internal static class ConfigInputs
{
    public static ConfigFiles Files(Invocation inv, WorkflowConfig workflow) =>
        new(workflow.ConfigVars.FullDirectory(workflow.SourcePath, inv.Host.HomeDirectory), inv.DisplayPath);

    /// <summary>The environment's files, resolved with the operator's environment; a <see cref="WorkflowException"/> (exit 2) listing every problem otherwise.</summary>
    public static (DesiredConfig Desired, IReadOnlyDictionary<string, string?> Values) Desired(
        Invocation inv, WorkflowConfig workflow, WorkflowEnvironment environment)
    {
        WarnAboutStrays(inv, workflow, Files(inv, workflow));
        var problems = new List<WorkflowDiagnostic>();
        var desired = DesiredConfigReader.Read(Files(inv, workflow), environment.Label, workflow.ConfigVars, problems);
        var values = desired.Resolve(inv.Host.Environment, problems);
        if (problems.Count > 0)
        {
            throw new WorkflowException(Sorted(problems));
        }

        inv.Reporter.Verbose($"config: {string.Join(" + ", desired.Files)} ({desired.Entries.Count} keys)");
        return (desired, values);
    }

    /// <summary>Warns (stderr) about each file in the config folder that no environment reads, with the name it probably meant.</summary>
    public static IReadOnlyList<StrayConfigFile> WarnAboutStrays(Invocation inv, WorkflowConfig workflow, ConfigFiles files)
    {
        var strays = StrayConfigFiles.Find(files, workflow.Environments, workflow.SourcePath);
        foreach (var stray in strays)
        {
            inv.Reporter.Warn(stray.Message);
        }

        return strays;
    }

    public static IReadOnlyList<WorkflowDiagnostic> Sorted(IEnumerable<WorkflowDiagnostic> problems) =>
        problems.Distinct().OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
