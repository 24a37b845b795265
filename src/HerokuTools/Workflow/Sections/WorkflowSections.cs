namespace HerokuTools.Workflow.Sections;

/// <summary>The registered top-level sections, in reading order. Register a new section here.</summary>
internal static class WorkflowSections
{
    public static IReadOnlyList<IWorkflowSection> All { get; } =
    [
        new EnvironmentsSection(),
        new CommandsSection(),
        new DeploySection(),
        new ConfigSection(),
        new DataSection(),
    ];
}
