namespace HerokuTools.Workflow;

/// <summary>
/// One Heroku app in the workflow. <paramref name="PromoteFrom"/> names the environment (lower in the list) whose
/// release this one is deployed by promoting, instead of by a git push.
/// </summary>
public sealed record WorkflowEnvironment(string Label, string AppName, string Branch, bool Protected = false, string? PromoteFrom = null);
