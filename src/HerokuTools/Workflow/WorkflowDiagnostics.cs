using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow;

/// <summary>Collects every problem found while loading, so the user sees them all at once.</summary>
internal sealed class WorkflowDiagnostics(string displayPath)
{
    private readonly List<WorkflowDiagnostic> _items = [];

    public string DisplayPath { get; } = displayPath;

    public bool Any => _items.Count > 0;

    public void Add(SourcePosition at, string message) =>
        _items.Add(new WorkflowDiagnostic(DisplayPath, at.Line, at.Column, message));

    /// <summary>In file order (stable for problems at the same place).</summary>
    public IReadOnlyList<WorkflowDiagnostic> Sorted() =>
        _items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
