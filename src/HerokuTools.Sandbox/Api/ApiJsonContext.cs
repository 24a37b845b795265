using System.Text.Json.Serialization;

namespace HerokuTools.Sandbox.Api;

/// <summary>Every JSON body the API writes, serialized without reflection (snake_case, nulls kept).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(LogSessionView))]
[JsonSerializable(typeof(AppView))]
[JsonSerializable(typeof(List<AppView>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ReleaseView))]
[JsonSerializable(typeof(List<ReleaseView>))]
[JsonSerializable(typeof(SlugView))]
[JsonSerializable(typeof(FormationView))]
[JsonSerializable(typeof(List<FormationView>))]
[JsonSerializable(typeof(DynoView))]
[JsonSerializable(typeof(List<DynoView>))]
[JsonSerializable(typeof(AddonView))]
[JsonSerializable(typeof(List<AddonView>))]
[JsonSerializable(typeof(AttachmentView))]
[JsonSerializable(typeof(List<AttachmentView>))]
[JsonSerializable(typeof(CollaboratorView))]
[JsonSerializable(typeof(List<CollaboratorView>))]
[JsonSerializable(typeof(PipelineView))]
[JsonSerializable(typeof(List<PipelineView>))]
[JsonSerializable(typeof(CouplingView))]
[JsonSerializable(typeof(List<CouplingView>))]
[JsonSerializable(typeof(PromotionView))]
[JsonSerializable(typeof(PromotionTargetView))]
[JsonSerializable(typeof(List<PromotionTargetView>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
