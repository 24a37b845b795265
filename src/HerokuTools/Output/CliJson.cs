using System.Text.Json.Serialization;
using HerokuTools.Cli.Check;

namespace HerokuTools.Output;

/// <summary>The JSON the CLI writes with --json: snake_case, indented, source-generated (AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CheckResult))]
internal sealed partial class CliJson : JsonSerializerContext;
