using HerokuTools.Workflow.Yaml;

namespace HerokuTools.Workflow.Sections;

/// <summary><c>commands:</c> the one-off dyno commands a deploy may run (migrate, collectstatic); all optional.</summary>
internal sealed class CommandsSection : IWorkflowSection
{
    public const string Migrate = "migrate";
    public const string Collectstatic = "collectstatic";

    public string Key => "commands";

    public bool Required => false;

    public IReadOnlyList<string> KnownKeys { get; } = [Migrate, Collectstatic];

    public void Read(SourceEntry section, WorkflowReadContext context, WorkflowDraft draft)
    {
        if (section.Value is SourceScalar { IsNull: true })
        {
            return;
        }

        if (section.Value is not SourceMapping mapping)
        {
            context.Error(section.Value, $"'commands' must be a mapping ({string.Join(", ", KnownKeys)}), found {section.Value.Kind}");
            return;
        }

        var keys = context.Keys(mapping, KnownKeys, "in 'commands'");
        draft.Commands = new WorkflowCommands(
            keys.TryGetValue(Migrate, out var migrate) ? context.String(migrate) : null,
            keys.TryGetValue(Collectstatic, out var collectstatic) ? context.String(collectstatic) : null);
    }
}
