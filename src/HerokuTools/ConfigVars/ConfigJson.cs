using System.Text.Json.Serialization;

namespace HerokuTools.ConfigVars;

/// <summary>The JSON of the config commands with --json: snake_case, indented, source-generated (AOT). Values masked unless --show-values.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(DiffJson))]
[JsonSerializable(typeof(ComparisonJson))]
[JsonSerializable(typeof(PushJson))]
[JsonSerializable(typeof(PullJson))]
[JsonSerializable(typeof(ConfigCheckJson))]
internal sealed partial class ConfigJson : JsonSerializerContext;

internal sealed record DiffJson(string Environment, string App, IReadOnlyList<string> Files, bool InSync, IReadOnlyList<DiffEntryJson> Entries);

internal sealed record DiffEntryJson(string Key, string Marker, string Status, string? Desired, string? Actual, string? ManagedBy);

internal sealed record ComparisonJson(
    string First, string FirstApp, string Second, string SecondApp, bool UnexpectedDifferences, IReadOnlyList<ComparisonEntryJson> Entries);

internal sealed record ComparisonEntryJson(string Key, string Status, bool Expected, string? First, string? Second, string? ManagedBy);

internal sealed record PushJson(
    string Environment, string App, bool DryRun, bool Applied, int? Release, IReadOnlyDictionary<string, string> Set,
    IReadOnlyList<string> Unset, IReadOnlyList<string> Kept, bool Verified);

internal sealed record PullJson(string Environment, string App, string Path, bool Created, int Keys, int ManagedLeftOut, IReadOnlyList<string> Notes);

internal sealed record ConfigCheckJson(bool Ok, IReadOnlyList<string> Environments, IReadOnlyList<ConfigProblemJson> Problems, IReadOnlyList<StrayFileJson> StrayFiles);

internal sealed record StrayFileJson(string Path, string? Suggestion);

internal sealed record ConfigProblemJson(string Path, int Line, int Column, string Message);
