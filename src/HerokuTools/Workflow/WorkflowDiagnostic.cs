namespace HerokuTools.Workflow;

/// <summary>One problem in heroku-tools.yml, printed as <c>path:line:col: message</c> (1-based).</summary>
public sealed record WorkflowDiagnostic(string Path, int Line, int Column, string Message)
{
    public override string ToString() => FormattableString.Invariant($"{Path}:{Line}:{Column}: {Message}");

    /// <summary>As a warning: <c>path:line:col: warning: message</c>.</summary>
    public string ToWarningString() => FormattableString.Invariant($"{Path}:{Line}:{Column}: warning: {Message}");
}
