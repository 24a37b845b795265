namespace HerokuTools.Workflow;

/// <summary>The one-off dyno commands a deploy may run; null when not configured.</summary>
public sealed record WorkflowCommands(string? Migrate = null, string? Collectstatic = null)
{
    public static WorkflowCommands None { get; } = new();
}
