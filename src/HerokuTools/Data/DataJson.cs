using System.Text.Json.Serialization;
using HerokuTools.Cli.Data;

namespace HerokuTools.Data;

/// <summary>The JSON the data commands write with --json: snake_case, source-generated (AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DataCheckResult))]
[JsonSerializable(typeof(DataCopySummary))]
internal sealed partial class DataJson : JsonSerializerContext;
