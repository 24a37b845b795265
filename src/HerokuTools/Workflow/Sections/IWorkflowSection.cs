using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary>
/// One top-level section of heroku-tools.yml (e.g. <c>environments:</c>). A new section is a new implementation
/// plus one line in <see cref="WorkflowSections.All"/>. Sections run in that order, so a later one may use what
/// an earlier one put in the draft (e.g. environment labels).
/// </summary>
internal interface IWorkflowSection
{
    /// <summary>The top-level key.</summary>
    string Key { get; }

    /// <summary>Whether a file without this section is an error.</summary>
    bool Required { get; }

    /// <summary>The keys this section accepts inside it (inside each item, for a list of mappings); the JSON Schema must match.</summary>
    IReadOnlyList<string> KnownKeys { get; }

    /// <summary>Validates the section (reporting every problem to the context) and fills in its part of the draft.</summary>
    void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft);
}
