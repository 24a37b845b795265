using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow;

/// <summary>Collects every problem found while loading, so the user sees them all at once.</summary>
internal sealed class WorkflowDiagnostics(string displayPath)
{
    private readonly List<WorkflowDiagnostic> _items = [];
    private readonly List<WorkflowDiagnostic> _warnings = [];

    public string DisplayPath { get; } = displayPath;

    public bool Any => _items.Count > 0;

    public void Add(SourcePosition at, string message) =>
        _items.Add(new WorkflowDiagnostic(DisplayPath, at.Line, at.Column, message));

    /// <summary>Something accepted that is probably wrong: reported, but the file still loads.</summary>
    public void Warn(SourcePosition at, string message) =>
        _warnings.Add(new WorkflowDiagnostic(DisplayPath, at.Line, at.Column, message));

    /// <summary>In file order (stable for problems at the same place).</summary>
    public IReadOnlyList<WorkflowDiagnostic> Sorted() => InFileOrder(_items);

    /// <summary>The warnings, in file order.</summary>
    public IReadOnlyList<WorkflowDiagnostic> SortedWarnings() => InFileOrder(_warnings);

    private static List<WorkflowDiagnostic> InFileOrder(List<WorkflowDiagnostic> items) =>
        items.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
}
