using HerokuTools.Common;

namespace HerokuTools.Workflow;

/// <summary>heroku-tools.yml is wrong: every problem found, one <c>path:line:col: message</c> line each; exit code 2.</summary>
public sealed class WorkflowException(IReadOnlyList<WorkflowDiagnostic> diagnostics)
    : ToolException(string.Join('\n', diagnostics), ExitCodes.Usage)
{
    public IReadOnlyList<WorkflowDiagnostic> Diagnostics { get; } = diagnostics;
}
