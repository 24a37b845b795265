using System.Text.Json.Serialization;
using HerokuTools.Sandbox.Api;

namespace HerokuTools.Sandbox.Faults;

/// <summary>The admin endpoint's JSON (snake_case; unknown properties are refused so a typo is not ignored).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(FaultView))]
[JsonSerializable(typeof(List<FaultView>))]
[JsonSerializable(typeof(FaultsCleared))]
[JsonSerializable(typeof(ErrorView))]
public sealed partial class FaultJsonContext : JsonSerializerContext;
