using System.Text.Json.Serialization;

namespace HerokuTools.Sandbox.State;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(StateData))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
