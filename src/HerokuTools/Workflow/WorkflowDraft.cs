namespace HerokuTools.Workflow;

/// <summary>What the sections have read so far; each section fills in its own part. Becomes a <see cref="WorkflowConfig"/>.</summary>
internal sealed class WorkflowDraft
{
    public List<WorkflowEnvironment> Environments { get; } = [];

    public WorkflowCommands Commands { get; set; } = WorkflowCommands.None;

    public Deploy.DeploySettings Deploy { get; set; } = HerokuTools.Deploy.DeploySettings.Default;

    public ConfigVars.ConfigVarsSettings ConfigVars { get; set; } = HerokuTools.ConfigVars.ConfigVarsSettings.Default;

    public Data.Rules.DataRules? Data { get; set; }

    public WorkflowConfig Build(string sourcePath) => new(sourcePath, Environments.ToArray().AsReadOnly(), Commands)
    {
        Deploy = Deploy,
        ConfigVars = ConfigVars,
        Data = Data,
    };
}
