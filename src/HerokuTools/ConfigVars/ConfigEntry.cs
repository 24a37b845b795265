using HerokuTools.Workflow.Yaml;

namespace HerokuTools.ConfigVars;

/// <summary>
/// One key of a config file's <c>settings:</c>: its <see cref="Template"/> as written (see <see cref="ValueTemplate"/>),
/// or null for "must not be set on the app". <see cref="Path"/> is the display path, <see cref="At"/> the key's place.
/// </summary>
internal sealed record ConfigEntry(string Key, string? Template, string Path, SourcePosition At);
